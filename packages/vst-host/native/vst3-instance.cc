#include "vst3-instance.h"

#include "input-block.h"
#include "note-schedule.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <set>

#include "pluginterfaces/vst/ivstmidicontrollers.h"
#include "pluginterfaces/vst/vstspeaker.h"
#include "public.sdk/source/common/memorystream.h"

namespace vstds {

using namespace Steinberg;
using namespace Steinberg::Vst;

namespace {

template <class T>
IPtr<T> queryInterfaceOf(FUnknown* unknown) {
  T* out = nullptr;
  if (unknown && unknown->queryInterface(T::iid, reinterpret_cast<void**>(&out)) == kResultOk && out)
    return owned(out);
  return {};
}

std::string utf8(const TChar* s) {
  std::string out;
  for (; s && *s; ++s) {
    const uint32_t c = static_cast<char16_t>(*s);
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {  // BMP only: surrogate pairs do not occur in parameter names we care about
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::string classIdString(const TUID cid) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    const auto b = static_cast<uint8_t>(cid[i]);
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

std::string fixedString(const char* s, size_t max) { return std::string(s, strnlen(s, max)); }

// Every call into the plugin goes through here: exceptions never cross into Node.
template <class F>
auto guarded(const char* what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const HostError&) {
    throw;
  } catch (const std::exception& e) {
    throw HostError("E_PLUGIN_CALL", std::string(what) + " threw: " + e.what());
  } catch (...) {
    throw HostError("E_PLUGIN_CALL", std::string(what) + " threw a non-standard exception");
  }
}

void check(tresult result, const char* what) {
  if (result != kResultOk) throw HostError("E_PLUGIN_CALL", std::string(what) + " failed (tresult " + std::to_string(result) + ")");
}

std::vector<uint8_t> streamBytes(MemoryStream& stream) {
  const auto* p = reinterpret_cast<const uint8_t*>(stream.getData());
  return std::vector<uint8_t>(p, p + stream.getSize());
}

}  // namespace

Vst3Instance::Vst3Instance(const std::string& bundlePath, const HostOptions& options)
    : options_(options), bundlePath_(bundlePath) {
  info_.format = "vst3";
  module_ = std::make_unique<Vst3Module>(bundlePath);
  createObjects();
  base_.classId = info_.uid;
  base_.component = componentState();
  base_.hasController = controller_ != nullptr;
  if (controller_) base_.controller = controllerState();
  readParameters();
  captureControllerBase();
}

Vst3Instance::~Vst3Instance() {
  destroyObjects();
  module_.reset();
}

void Vst3Instance::createObjects() {
  createComponent(bundlePath_);
  setupBuses();
  ProcessSetup setup{kOffline, kSample32, options_.blockSize, options_.sampleRate};
  guarded("canProcessSampleSize", [&] {
    if (processor_->canProcessSampleSize(kSample32) != kResultOk)
      throw HostError("E_PLUGIN_CALL", info_.name + " cannot process 32-bit float samples");
    return 0;
  });
  check(guarded("setupProcessing", [&] { return processor_->setupProcessing(setup); }), "IAudioProcessor::setupProcessing");
  setActive(true);
}

void Vst3Instance::destroyObjects() {
  // Teardown runs from the destructor too: each step is guarded on its own and never throws.
  try {
    setActive(false);
  } catch (...) {
  }
  active_ = false;
  try {
    if (componentConnection_ && controllerConnection_) {
      componentConnection_->disconnect(controllerConnection_);
      controllerConnection_->disconnect(componentConnection_);
    }
  } catch (...) {
  }
  componentConnection_ = nullptr;
  controllerConnection_ = nullptr;
  try {
    if (controller_) {
      controller_->setComponentHandler(nullptr);
      if (separateController_) controller_->terminate();
    }
  } catch (...) {
  }
  controller_ = nullptr;
  separateController_ = false;
  processor_ = nullptr;
  try {
    if (component_) component_->terminate();
  } catch (...) {
  }
  component_ = nullptr;
  inputBuses_.clear();
  outputBuses_.clear();
  inputBuffers_.clear();
  outputBuffers_.clear();
}

void Vst3Instance::createComponent(const std::string& bundlePath) {
  IPluginFactory* factory = module_->factory();
  guarded("IPluginFactory", [&] {
    PFactoryInfo factoryInfo;
    if (factory->getFactoryInfo(&factoryInfo) == kResultOk)
      info_.vendor = fixedString(factoryInfo.vendor, PFactoryInfo::kNameSize);
    auto factory2 = queryInterfaceOf<IPluginFactory2>(factory);
    const int32 count = factory->countClasses();
    for (int32 i = 0; i < count; ++i) {
      PClassInfo classInfo;
      if (factory->getClassInfo(i, &classInfo) != kResultOk) continue;
      if (std::strcmp(classInfo.category, kVstAudioEffectClass) != 0) continue;
      info_.name = fixedString(classInfo.name, PClassInfo::kNameSize);
      info_.uid = classIdString(classInfo.cid);
      PClassInfo2 classInfo2;
      if (factory2 && factory2->getClassInfo2(i, &classInfo2) == kResultOk) {
        const std::string sub = fixedString(classInfo2.subCategories, PClassInfo2::kSubCategoriesSize);
        info_.isInstrument = sub.find("Instrument") != std::string::npos;
        const std::string vendor = fixedString(classInfo2.vendor, PClassInfo2::kVendorSize);
        if (!vendor.empty()) info_.vendor = vendor;
        info_.version = fixedString(classInfo2.version, PClassInfo2::kVersionSize);
      }
      IComponent* component = nullptr;
      if (factory->createInstance(classInfo.cid, IComponent::iid, reinterpret_cast<void**>(&component)) != kResultOk || !component)
        throw HostError("E_PLUGIN_CALL", bundlePath + ": the factory could not create the audio module \"" + info_.name + "\"");
      component_ = owned(component);
      return 0;
    }
    throw HostError("E_NO_MODULE", bundlePath + ": the module has no audio processor class (category \"" +
                                       kVstAudioEffectClass + "\")");
  });
  check(guarded("IComponent::initialize", [&] { return component_->initialize(&hostApplication_); }), "IComponent::initialize");
  processor_ = queryInterfaceOf<IAudioProcessor>(component_);
  if (!processor_) throw HostError("E_PLUGIN_CALL", bundlePath + ": the component has no IAudioProcessor");

  guarded("edit controller", [&] {
    controller_ = queryInterfaceOf<IEditController>(component_);
    if (!controller_) {
      TUID controllerCid;
      if (component_->getControllerClassId(controllerCid) == kResultOk) {
        IEditController* controller = nullptr;
        if (factory->createInstance(controllerCid, IEditController::iid, reinterpret_cast<void**>(&controller)) == kResultOk && controller) {
          controller_ = owned(controller);
          if (controller_->initialize(&hostApplication_) != kResultOk) {
            controller_ = nullptr;
          } else {
            separateController_ = true;
          }
        }
      }
    }
    if (controller_ && separateController_) {
      componentConnection_ = queryInterfaceOf<IConnectionPoint>(component_);
      controllerConnection_ = queryInterfaceOf<IConnectionPoint>(controller_);
      if (componentConnection_ && controllerConnection_) {
        componentConnection_->connect(controllerConnection_);
        controllerConnection_->connect(componentConnection_);
      }
    }
    if (controller_) controller_->setComponentHandler(&componentHandler_);
    return 0;
  });
  if (controller_) {
    MemoryStream stream;
    guarded("IComponent::getState", [&] { return component_->getState(&stream); });
    stream.seek(0, IBStream::kIBSeekSet, nullptr);
    guarded("IEditController::setComponentState", [&] { return controller_->setComponentState(&stream); });
  }
}

void Vst3Instance::setupBuses() {
  guarded("bus setup", [&] {
    const int32 numIn = component_->getBusCount(kAudio, kInput);
    const int32 numOut = component_->getBusCount(kAudio, kOutput);
    std::vector<SpeakerArrangement> ins(static_cast<size_t>(std::max(numIn, 0)), SpeakerArr::kStereo);
    std::vector<SpeakerArrangement> outs(static_cast<size_t>(std::max(numOut, 0)), SpeakerArr::kStereo);
    for (int32 i = 0; i < numIn; ++i) processor_->getBusArrangement(kInput, i, ins[static_cast<size_t>(i)]);
    for (int32 i = 0; i < numOut; ++i) processor_->getBusArrangement(kOutput, i, outs[static_cast<size_t>(i)]);
    // Ask for stereo main buses; mono-only plugins (Nekobi, Kars, ZamComp) refuse, so read back.
    if (!ins.empty()) ins[0] = SpeakerArr::kStereo;
    if (!outs.empty()) outs[0] = SpeakerArr::kStereo;
    processor_->setBusArrangements(ins.data(), numIn, outs.data(), numOut);

    auto makeBuses = [&](BusDirection dir, int32 count, std::vector<Bus>& buses, std::vector<AudioBusBuffers>& buffers) {
      buses.assign(static_cast<size_t>(count), Bus{});
      buffers.assign(static_cast<size_t>(count), AudioBusBuffers{});
      for (int32 i = 0; i < count; ++i) {
        SpeakerArrangement arrangement = 0;
        int channels = 0;
        if (processor_->getBusArrangement(dir, i, arrangement) == kResultOk) channels = SpeakerArr::getChannelCount(arrangement);
        BusInfo busInfo{};
        if (channels == 0 && component_->getBusInfo(kAudio, dir, i, busInfo) == kResultOk) channels = busInfo.channelCount;
        // Every bus gets a buffer, active or not (Surge XT's sidechain and scene outputs included).
        Bus& bus = buses[static_cast<size_t>(i)];
        bus.channels = channels;
        bus.buffers.assign(static_cast<size_t>(channels), std::vector<float>(static_cast<size_t>(options_.blockSize), 0.f));
        for (auto& b : bus.buffers) bus.pointers.push_back(b.data());
        buffers[static_cast<size_t>(i)].numChannels = channels;
        buffers[static_cast<size_t>(i)].silenceFlags = 0;
        buffers[static_cast<size_t>(i)].channelBuffers32 = bus.pointers.empty() ? nullptr : bus.pointers.data();
      }
      if (count > 0) component_->activateBus(kAudio, dir, 0, true);
    };
    makeBuses(kInput, numIn, inputBuses_, inputBuffers_);
    makeBuses(kOutput, numOut, outputBuses_, outputBuffers_);
    // JUCE gates MIDI on an active event bus; Surge XT is silent without it.
    const int32 numEventIn = component_->getBusCount(kEvent, kInput);
    for (int32 i = 0; i < numEventIn; ++i) component_->activateBus(kEvent, kInput, i, true);
    info_.inputChannels = inputBuses_.empty() ? 0 : inputBuses_[0].channels;
    info_.outputChannels = outputBuses_.empty() ? 0 : outputBuses_[0].channels;
    return 0;
  });
  if (info_.outputChannels == 0) throw HostError("E_PLUGIN_CALL", info_.name + " has no audio output bus");
  inputEvents_.reserve(256);
  outputEvents_.reserve(256);
}

void Vst3Instance::setActive(bool active) {
  if (active == active_ || !component_) return;
  guarded(active ? "activate" : "deactivate", [&] {
    if (active) {
      component_->setActive(true);
      processor_->setProcessing(true);  // kNotImplemented is a valid answer
    } else {
      processor_->setProcessing(false);
      component_->setActive(false);
    }
    return 0;
  });
  active_ = active;
  context_ = ProcessContext{};
  context_.sampleRate = options_.sampleRate;
  context_.tempo = 120;
  context_.timeSigNumerator = 4;
  context_.timeSigDenominator = 4;
  context_.state = ProcessContext::kPlaying | ProcessContext::kTempoValid | ProcessContext::kTimeSigValid |
                   ProcessContext::kProjectTimeMusicValid;
}

void Vst3Instance::processBlock(int numSamples) {
  ProcessData data;
  data.processMode = kOffline;
  data.symbolicSampleSize = kSample32;
  data.numSamples = numSamples;
  data.numInputs = static_cast<int32>(inputBuffers_.size());
  data.numOutputs = static_cast<int32>(outputBuffers_.size());
  data.inputs = inputBuffers_.empty() ? nullptr : inputBuffers_.data();
  data.outputs = outputBuffers_.empty() ? nullptr : outputBuffers_.data();
  data.inputParameterChanges = &inputChanges_;
  data.outputParameterChanges = &outputChanges_;  // DPF asserts when this is null
  data.inputEvents = &inputEvents_;
  data.outputEvents = &outputEvents_;
  data.processContext = &context_;
  for (auto& bus : outputBuses_)
    for (auto& b : bus.buffers) std::fill(b.begin(), b.begin() + numSamples, 0.f);
  for (auto& buffers : outputBuffers_) buffers.silenceFlags = 0;
  outputChanges_.clear();
  outputEvents_.clear();
  const auto t0 = std::chrono::steady_clock::now();
  const tresult result = guarded("IAudioProcessor::process", [&] { return processor_->process(data); });
  processSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (result != kResultOk)
    throw HostError("E_PLUGIN_CALL", info_.name + ": process() returned " + std::to_string(result) +
                                         " (a plugin refuses blocks that do not match its setup)");
  context_.projectTimeSamples += numSamples;
  context_.continousTimeSamples += numSamples;
  context_.projectTimeMusic = static_cast<double>(context_.projectTimeSamples) / options_.sampleRate * context_.tempo / 60.0;
}

void Vst3Instance::runSilence(int64_t samples) {
  inputChanges_.clear();
  inputEvents_.clear();
  for (auto& bus : inputBuses_)
    for (auto& b : bus.buffers) std::fill(b.begin(), b.end(), 0.f);
  for (int64_t done = 0; done < samples;) {
    const int n = static_cast<int>(std::min<int64_t>(options_.blockSize, samples - done));
    processBlock(n);
    done += n;
  }
}

std::vector<uint8_t> Vst3Instance::componentState() {
  MemoryStream stream;
  check(guarded("IComponent::getState", [&] { return component_->getState(&stream); }), "IComponent::getState");
  return streamBytes(stream);
}

std::vector<uint8_t> Vst3Instance::controllerState() {
  MemoryStream stream;
  // Many controllers keep no state of their own and answer kNotImplemented: an empty chunk.
  guarded("IEditController::getState", [&] { return controller_->getState(&stream); });
  return streamBytes(stream);
}

void Vst3Instance::applyChunks(const VstPresetChunks& chunks, bool wholeController) {
  // Surge XT applies a loaded patch immediately only while inactive.
  setActive(false);
  {
    MemoryStream stream(const_cast<uint8_t*>(chunks.component.data()), static_cast<TSize>(chunks.component.size()));
    check(guarded("IComponent::setState", [&] { return component_->setState(&stream); }), "IComponent::setState");
  }
  if (controller_ && !wholeController) {
    // Between renders only the mirrored parameters moved on the controller: put those back
    // instead of re-parsing its whole state (the bulk of the reset cost for big plugins).
    guarded("IEditController::setParamNormalized", [&] {
      for (ParamID id : mirrored_) {
        auto it = controllerBase_.find(id);
        if (it != controllerBase_.end()) controller_->setParamNormalized(id, it->second);
      }
      return 0;
    });
  } else if (controller_) {
    MemoryStream stream(const_cast<uint8_t*>(chunks.component.data()), static_cast<TSize>(chunks.component.size()));
    guarded("IEditController::setComponentState", [&] { return controller_->setComponentState(&stream); });
    if (chunks.hasController && !chunks.controller.empty()) {
      MemoryStream controllerStream(const_cast<uint8_t*>(chunks.controller.data()), static_cast<TSize>(chunks.controller.size()));
      guarded("IEditController::setState", [&] { return controller_->setState(&controllerStream); });
    }
  }
  setActive(true);
}

void Vst3Instance::resetToBase() {
  if (!hangingNotes_.empty() && !options_.reinstantiate) {
    inputChanges_.clear();
    inputEvents_.clear();
    for (const auto& [pitch, noteId] : hangingNotes_) {
      Event e{};
      e.type = Event::kNoteOffEvent;
      e.noteOff.pitch = static_cast<int16>(pitch);
      e.noteOff.noteId = noteId;
      inputEvents_.addEvent(e);
    }
    for (auto& bus : inputBuses_)
      for (auto& b : bus.buffers) std::fill(b.begin(), b.end(), 0.f);
    processBlock(options_.blockSize);
  }
  hangingNotes_.clear();
  if (options_.paramsReset && !options_.reinstantiate) {
    restoreChangedParameters();
    return;
  }
  if (options_.reinstantiate) {
    // Plugins with DSP memory outside their state (Nekobi's accent follower) need fresh objects.
    destroyObjects();
    createObjects();
  }
  applyChunks(base_, options_.reinstantiate);
  mirrored_.clear();
  // Silent warm-up: clears state that setActive keeps (Nekobi's glide memory) and lets a plugin
  // that loads state at its next process call (Surge XT) do so before parameters and notes.
  runSilence(static_cast<int64_t>(options_.warmupBlocks) * options_.blockSize);
}

// The params reset: a state restore costs Surge XT ~9 ms, while deactivate/reactivate clears DSP
// memory and only the parameters the last render moved need their base values back. The load-time
// probe (probeResetModes) only picks this where it renders the same bytes as the state reset.
void Vst3Instance::restoreChangedParameters() {
  setActive(false);
  setActive(true);
  guarded("IEditController::setParamNormalized", [&] {
    for (ParamID id : mirrored_) {
      auto it = controllerBase_.find(id);
      if (it != controllerBase_.end()) controller_->setParamNormalized(id, it->second);
    }
    return 0;
  });
  pendingRestore_ = std::move(mirrored_);
  mirrored_.clear();
  if (options_.warmupBlocks == 0) return;  // the first real block carries the restore
  runSilence(0);  // clears the events and input buffers the last render left
  addRestorePoints({});
  processBlock(options_.blockSize);
  runSilence(static_cast<int64_t>(options_.warmupBlocks - 1) * options_.blockSize);
}

// Queues the base value of every pending parameter at offset 0, except those in `skip` (the
// render's own values win).
void Vst3Instance::addRestorePoints(const std::vector<std::pair<uint32_t, double>>& skip) {
  for (ParamID id : pendingRestore_) {
    if (std::any_of(skip.begin(), skip.end(), [&](const auto& p) { return p.first == id; })) continue;
    auto it = controllerBase_.find(id);
    if (it == controllerBase_.end()) continue;
    int32 index = 0;
    if (auto* queue = inputChanges_.addParameterData(id, index)) queue->addPoint(0, it->second, index);
  }
  pendingRestore_.clear();
}

RenderResult Vst3Instance::render(const RenderRequest& request) {
  processSeconds_ = 0;
  resetToBase();
  processSeconds_ = 0;

  const NoteSchedule schedule = scheduleNotes(request.notes, request.numSamples);
  const auto& events = schedule.changes;
  for (const auto& held : schedule.held) hangingNotes_.emplace_back(held.pitch, held.id);

  RenderResult result;
  const auto total = static_cast<size_t>(request.numSamples);
  for (size_t c = 0; c < static_cast<size_t>(info_.outputChannels); ++c) result.channels.emplace_back(total, request.pool);
  size_t nextEvent = 0;
  for (int64_t pos = 0; pos < request.numSamples;) {
    const int n = static_cast<int>(std::min<int64_t>(options_.blockSize, request.numSamples - pos));
    inputChanges_.clear();
    if (pos == 0) {
      addRestorePoints(request.params);
      // DPF ignores changes in a 0-sample call, so they go at offset 0 of the first real block.
      for (const auto& [id, value] : request.params) {
        int32 index = 0;
        if (auto* queue = inputChanges_.addParameterData(id, index)) queue->addPoint(0, value, index);
        if (controller_) {
          guarded("IEditController::setParamNormalized", [&] { return controller_->setParamNormalized(id, value); });
          mirrored_.push_back(id);
        }
      }
    }
    inputEvents_.clear();
    while (nextEvent < events.size() && events[nextEvent].sample < pos + n) {
      const auto& ne = events[nextEvent++];
      Event e{};
      e.sampleOffset = static_cast<int32>(ne.sample - pos);
      if (ne.on) {
        e.type = Event::kNoteOnEvent;
        e.noteOn.pitch = static_cast<int16>(ne.pitch);
        e.noteOn.velocity = static_cast<float>(ne.velocity / 127.0);
        e.noteOn.noteId = ne.id;
      } else {
        e.type = Event::kNoteOffEvent;
        e.noteOff.pitch = static_cast<int16>(ne.pitch);
        e.noteOff.noteId = ne.id;
      }
      inputEvents_.addEvent(e);
    }
    fillInputBlock(inputBuses_, request.input, pos, n);
    processBlock(n);
    const auto& out = outputBuses_[0];
    for (size_t c = 0; c < result.channels.size(); ++c)
      std::copy(out.buffers[c].begin(), out.buffers[c].begin() + n, result.channels[c].data() + pos);
    pos += n;
  }
  result.processSeconds = processSeconds_;
  return result;
}

std::vector<uint8_t> Vst3Instance::getState() { return encodeVstPreset(base_); }

void Vst3Instance::setState(const std::vector<uint8_t>& state) {
  VstPresetChunks chunks = decodeVstPreset(state.data(), state.size(), "state");
  if (chunks.classId != info_.uid)
    throw HostError("E_PRESET_MISMATCH", "the state belongs to plugin class " + chunks.classId + ", not to " + info_.name +
                                             " (" + info_.uid + ")");
  applyChunks(chunks, true);
  hangingNotes_.clear();
  // Surge XT refreshes parameter titles ~12 blocks after a patch change: settle before reading.
  runSilence(static_cast<int64_t>(0.5 * options_.sampleRate));
  base_ = std::move(chunks);
  readParameters();
  captureControllerBase();
}

void Vst3Instance::applyToBase(const std::vector<std::pair<uint32_t, double>>& params) {
  resetToBase();
  inputChanges_.clear();
  addRestorePoints(params);
  for (const auto& [id, value] : params) {
    int32 index = 0;
    if (auto* queue = inputChanges_.addParameterData(id, index)) queue->addPoint(0, value, index);
    if (controller_) guarded("IEditController::setParamNormalized", [&] { return controller_->setParamNormalized(id, value); });
  }
  inputEvents_.clear();
  for (auto& bus : inputBuses_)
    for (auto& b : bus.buffers) std::fill(b.begin(), b.end(), 0.f);
  processBlock(options_.blockSize);
  base_.component = componentState();
  if (controller_) base_.controller = controllerState();
  mirrored_.clear();
  captureControllerBase();
}

void Vst3Instance::setReinstantiate(bool on) { options_.reinstantiate = on; }

bool Vst3Instance::setParamsReset(bool on) {
  // Base values come from the edit controller; without one there is nothing to restore from.
  if (on && !controller_) return false;
  if (!on && options_.paramsReset) {
    // Leaving the params reset: the next state reset must also put the controller back whole.
    pendingRestore_.clear();
  }
  options_.paramsReset = on;
  return true;
}

void Vst3Instance::captureControllerBase() {
  controllerBase_.clear();
  if (!controller_) return;
  guarded("IEditController::getParamNormalized", [&] {
    for (const auto& p : parameters_) controllerBase_[p.id] = controller_->getParamNormalized(p.id);
    return 0;
  });
}

std::vector<double> Vst3Instance::parameterValues() {
  std::vector<double> values;
  if (!controller_) return values;
  // Renders mirror their parameters to the controller; read the base state's values instead.
  MemoryStream stream(const_cast<uint8_t*>(base_.component.data()), static_cast<TSize>(base_.component.size()));
  guarded("IEditController::setComponentState", [&] { return controller_->setComponentState(&stream); });
  if (base_.hasController && !base_.controller.empty()) {
    MemoryStream controllerStream(const_cast<uint8_t*>(base_.controller.data()), static_cast<TSize>(base_.controller.size()));
    guarded("IEditController::setState", [&] { return controller_->setState(&controllerStream); });
  }
  for (const auto& p : parameters_)
    values.push_back(guarded("IEditController::getParamNormalized", [&] { return controller_->getParamNormalized(p.id); }));
  return values;
}

void Vst3Instance::readParameters() {
  parameters_.clear();
  if (!controller_) return;
  guarded("parameter listing", [&] {
    std::set<ParamID> midiMapped;
    if (auto mapping = queryInterfaceOf<IMidiMapping>(controller_)) {
      const int32 eventBuses = std::max<int32>(1, component_->getBusCount(kEvent, kInput));
      for (int32 bus = 0; bus < eventBuses; ++bus)
        for (int16 channel = 0; channel < 16; ++channel)
          for (CtrlNumber cc = 0; cc < kCountCtrlNumber; ++cc) {
            ParamID id = 0;
            if (mapping->getMidiControllerAssignment(bus, channel, cc, id) == kResultOk) midiMapped.insert(id);
          }
    }
    const int32 count = controller_->getParameterCount();
    constexpr int32 kHiddenFlags = Steinberg::Vst::ParameterInfo::kIsHidden | Steinberg::Vst::ParameterInfo::kIsReadOnly |
                                   Steinberg::Vst::ParameterInfo::kIsProgramChange | Steinberg::Vst::ParameterInfo::kIsBypass;
    for (int32 i = 0; i < count; ++i) {
      Steinberg::Vst::ParameterInfo pi{};
      if (controller_->getParameterInfo(i, pi) != kResultOk) continue;
      if (pi.flags & kHiddenFlags) continue;
      if (midiMapped.count(pi.id)) continue;
      vstds::ParameterInfo p;
      p.id = pi.id;
      p.title = utf8(pi.title);
      p.units = utf8(pi.units);
      p.defaultValue = pi.defaultNormalizedValue;
      p.stepCount = pi.stepCount;
      if (pi.stepCount > 0 && pi.stepCount <= 256) {
        for (int32 k = 0; k <= pi.stepCount; ++k) {
          String128 text{};
          if (controller_->getParamStringByValue(pi.id, static_cast<double>(k) / pi.stepCount, text) != kResultOk) {
            p.valueStrings.clear();
            break;
          }
          p.valueStrings.push_back(utf8(text));
        }
      }
      parameters_.push_back(std::move(p));
    }
    return 0;
  });
}

}  // namespace vstds
