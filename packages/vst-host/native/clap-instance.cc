#include "clap-instance.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>

#include "clap/ext/note-ports.h"
#include "clap/plugin-features.h"
#include "input-block.h"
#include "note-schedule.h"

namespace vstds {

namespace {

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

// The host's state bytes wrap the plugin's own with its CLAP id, so a state of another plugin is
// refused by name instead of being fed to the wrong plugin. The bytes inside are the plugin's
// clap.state data, or (plugins without that extension) the host's list of parameter values.
constexpr char kStateMagic[8] = {'V', 'S', 'T', 'D', 'S', 'C', 'L', '1'};

std::vector<uint8_t> encodeValues(const std::vector<std::pair<clap_id, double>>& values) {
  std::vector<uint8_t> out(values.size() * (sizeof(clap_id) + sizeof(double)));
  uint8_t* p = out.data();
  for (const auto& [id, value] : values) {
    std::memcpy(p, &id, sizeof id);
    std::memcpy(p + sizeof id, &value, sizeof value);
    p += sizeof id + sizeof value;
  }
  return out;
}

std::vector<std::pair<clap_id, double>> decodeValues(const std::vector<uint8_t>& bytes) {
  constexpr size_t kEntry = sizeof(clap_id) + sizeof(double);
  if (bytes.size() % kEntry != 0) throw HostError("E_PRESET_FORMAT", "CLAP parameter state of " + std::to_string(bytes.size()) + " bytes is not a list of (id, value) entries");
  std::vector<std::pair<clap_id, double>> values(bytes.size() / kEntry);
  for (size_t i = 0; i < values.size(); ++i) {
    std::memcpy(&values[i].first, bytes.data() + i * kEntry, sizeof(clap_id));
    std::memcpy(&values[i].second, bytes.data() + i * kEntry + sizeof(clap_id), sizeof(double));
  }
  return values;
}

std::vector<uint8_t> wrapState(const std::string& id, const std::vector<uint8_t>& state) {
  std::vector<uint8_t> out(kStateMagic, kStateMagic + sizeof kStateMagic);
  const auto idSize = static_cast<uint32_t>(id.size());
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(idSize >> (8 * i)));
  out.insert(out.end(), id.begin(), id.end());
  out.insert(out.end(), state.begin(), state.end());
  return out;
}

std::pair<std::string, std::vector<uint8_t>> unwrapState(const std::vector<uint8_t>& bytes) {
  if (bytes.size() < sizeof kStateMagic + 4 || std::memcmp(bytes.data(), kStateMagic, sizeof kStateMagic) != 0)
    throw HostError("E_PRESET_FORMAT", "not a vstds CLAP state (expected the bytes of getState() or savePreset() of a CLAP plugin)");
  uint32_t idSize = 0;
  for (int i = 0; i < 4; ++i) idSize |= static_cast<uint32_t>(bytes[sizeof kStateMagic + i]) << (8 * i);
  const size_t at = sizeof kStateMagic + 4;
  if (bytes.size() < at + idSize) throw HostError("E_PRESET_FORMAT", "truncated CLAP state (plugin id cut short)");
  std::string id(bytes.begin() + static_cast<long>(at), bytes.begin() + static_cast<long>(at + idSize));
  return {id, std::vector<uint8_t>(bytes.begin() + static_cast<long>(at + idSize), bytes.end())};
}

}  // namespace

ClapInstance::ClapInstance(const std::string& path, const HostOptions& options) : options_(options), path_(path) {
  info_.format = "clap";
  library_ = ClapLibrary::open(path);
  const auto& factory = library_->factory();
  const uint32_t count = guarded("clap_plugin_factory.get_plugin_count", [&] { return factory.get_plugin_count(&factory); });
  if (count == 0) throw HostError("E_NO_MODULE", path + ": the CLAP file contains no plugin");
  const clap_plugin_descriptor_t* descriptor =
      guarded("clap_plugin_factory.get_plugin_descriptor", [&] { return factory.get_plugin_descriptor(&factory, 0); });
  if (!descriptor || !descriptor->id) throw HostError("E_NO_MODULE", path + ": the CLAP factory has no descriptor for plugin 0");
  pluginId_ = descriptor->id;
  info_.uid = pluginId_;
  info_.name = descriptor->name ? descriptor->name : pluginId_;
  info_.vendor = descriptor->vendor ? descriptor->vendor : "";
  info_.version = descriptor->version ? descriptor->version : "";
  for (const char* const* f = descriptor->features; f && *f; ++f)
    if (std::strcmp(*f, CLAP_PLUGIN_FEATURE_INSTRUMENT) == 0) info_.isInstrument = true;
  createPlugin();
  base_ = saveState();
  readParameters();
}

ClapInstance::~ClapInstance() { destroyPlugin(); }

void ClapInstance::createPlugin() {
  const auto& factory = library_->factory();
  plugin_ = guarded("clap_plugin_factory.create_plugin",
                    [&] { return factory.create_plugin(&factory, host_.host(), pluginId_.c_str()); });
  if (!plugin_) throw HostError("E_PLUGIN_CALL", path_ + ": the factory could not create \"" + pluginId_ + "\"");
  if (!guarded("clap_plugin.init", [&] { return plugin_->init(plugin_); })) {
    guarded("clap_plugin.destroy", [&] {
      plugin_->destroy(plugin_);
      return 0;
    });
    plugin_ = nullptr;
    throw HostError("E_PLUGIN_CALL", path_ + ": clap_plugin.init of \"" + pluginId_ + "\" failed");
  }
  params_ = static_cast<const clap_plugin_params_t*>(
      guarded("clap_plugin.get_extension", [&] { return plugin_->get_extension(plugin_, CLAP_EXT_PARAMS); }));
  state_ = static_cast<const clap_plugin_state_t*>(
      guarded("clap_plugin.get_extension", [&] { return plugin_->get_extension(plugin_, CLAP_EXT_STATE); }));
  setupPorts();
  setActive(true);
}

void ClapInstance::destroyPlugin() {
  // Runs from the destructor too: each step is guarded on its own and never throws.
  try {
    setActive(false);
  } catch (...) {
  }
  try {
    if (plugin_) plugin_->destroy(plugin_);
  } catch (...) {
  }
  plugin_ = nullptr;
  params_ = nullptr;
  state_ = nullptr;
  active_ = processing_ = false;
}

void ClapInstance::setupPorts() {
  const auto* audioPorts = static_cast<const clap_plugin_audio_ports_t*>(
      guarded("clap_plugin.get_extension", [&] { return plugin_->get_extension(plugin_, CLAP_EXT_AUDIO_PORTS); }));
  auto makePorts = [&](bool isInput, std::vector<Port>& ports, std::vector<clap_audio_buffer_t>& buffers) {
    const uint32_t count = audioPorts ? guarded("audio_ports.count", [&] { return audioPorts->count(plugin_, isInput); }) : 0;
    ports.assign(count, Port{});
    buffers.assign(count, clap_audio_buffer_t{});
    for (uint32_t i = 0; i < count; ++i) {
      clap_audio_port_info_t portInfo{};
      if (!guarded("audio_ports.get", [&] { return audioPorts->get(plugin_, i, isInput, &portInfo); })) continue;
      Port& port = ports[i];
      port.buffers.assign(portInfo.channel_count, std::vector<float>(static_cast<size_t>(options_.blockSize), 0.f));
      for (auto& b : port.buffers) port.pointers.push_back(b.data());
      buffers[i].data32 = port.pointers.empty() ? nullptr : port.pointers.data();
      buffers[i].data64 = nullptr;
      buffers[i].channel_count = portInfo.channel_count;
      buffers[i].latency = 0;
      buffers[i].constant_mask = 0;
    }
  };
  makePorts(true, inputPorts_, inputBuffers_);
  makePorts(false, outputPorts_, outputBuffers_);
  info_.inputChannels = inputPorts_.empty() ? 0 : static_cast<int>(inputPorts_[0].buffers.size());
  info_.outputChannels = outputPorts_.empty() ? 0 : static_cast<int>(outputPorts_[0].buffers.size());
  if (info_.outputChannels == 0) throw HostError("E_PLUGIN_CALL", info_.name + " has no audio output port");

  const auto* notePorts = static_cast<const clap_plugin_note_ports_t*>(
      guarded("clap_plugin.get_extension", [&] { return plugin_->get_extension(plugin_, CLAP_EXT_NOTE_PORTS); }));
  midiDialect_ = false;
  if (notePorts && guarded("note_ports.count", [&] { return notePorts->count(plugin_, true); }) > 0) {
    clap_note_port_info_t noteInfo{};
    if (guarded("note_ports.get", [&] { return notePorts->get(plugin_, 0, true, &noteInfo); }))
      midiDialect_ = !(noteInfo.supported_dialects & CLAP_NOTE_DIALECT_CLAP) && (noteInfo.supported_dialects & CLAP_NOTE_DIALECT_MIDI);
    // A plugin with a note input but no "instrument" feature is still played like one.
    info_.isInstrument = info_.isInstrument || info_.inputChannels == 0;
  }
}

void ClapInstance::setActive(bool active) {
  if (!plugin_) return;
  if (active && !active_) {
    const uint32_t maxFrames = static_cast<uint32_t>(options_.blockSize);
    if (!guarded("clap_plugin.activate", [&] { return plugin_->activate(plugin_, options_.sampleRate, 1, maxFrames); }))
      throw HostError("E_PLUGIN_CALL", info_.name + ": clap_plugin.activate failed");
    active_ = true;
    host_.setInProcess(true);
    processing_ = guarded("clap_plugin.start_processing", [&] { return plugin_->start_processing(plugin_); });
    host_.setInProcess(false);
    steadyTime_ = 0;
  } else if (!active && active_) {
    host_.setInProcess(true);
    if (processing_) guarded("clap_plugin.stop_processing", [&] {
        plugin_->stop_processing(plugin_);
        return 0;
      });
    host_.setInProcess(false);
    processing_ = false;
    guarded("clap_plugin.deactivate", [&] {
      plugin_->deactivate(plugin_);
      return 0;
    });
    active_ = false;
  }
}

std::vector<uint8_t> ClapInstance::saveState() {
  if (!state_) {
    // No clap.state (DPF 1.6's wrapper offers it only to plugins with custom state): every
    // writable parameter's plain value is the whole state the host can restore.
    std::vector<std::pair<clap_id, double>> values;
    if (params_)
      guarded("parameter values", [&] {
        const uint32_t count = params_->count(plugin_);
        for (uint32_t i = 0; i < count; ++i) {
          clap_param_info_t pi{};
          if (!params_->get_info(plugin_, i, &pi) || (pi.flags & CLAP_PARAM_IS_READONLY)) continue;
          double value = pi.default_value;
          if (params_->get_value(plugin_, pi.id, &value)) values.emplace_back(pi.id, value);
        }
        return 0;
      });
    return encodeValues(values);
  }
  ClapOutputStream out;
  if (!guarded("clap_plugin_state.save", [&] { return state_->save(plugin_, out.stream()); }))
    throw HostError("E_PLUGIN_CALL", info_.name + ": clap_plugin_state.save failed");
  return std::move(out.bytes);
}

void ClapInstance::loadState(const std::vector<uint8_t>& state) {
  if (!state_) {
    if (!params_) return;
    // Called while inactive, where clap.params' flush applies values outside process().
    std::unordered_map<clap_id, void*> cookies;
    guarded("parameter listing", [&] {
      const uint32_t count = params_->count(plugin_);
      for (uint32_t i = 0; i < count; ++i) {
        clap_param_info_t pi{};
        if (params_->get_info(plugin_, i, &pi)) cookies[pi.id] = pi.cookie;
      }
      return 0;
    });
    inputEvents_.clear();
    for (const auto& [id, value] : decodeValues(state)) {
      auto it = cookies.find(id);
      if (it == cookies.end()) throw HostError("E_PRESET_MISMATCH", info_.name + ": the state sets parameter id " + std::to_string(id) + ", which the plugin does not have");
      inputEvents_.addParam(0, id, it->second, value);
    }
    guarded("clap_plugin_params.flush", [&] {
      params_->flush(plugin_, inputEvents_.list(), outputEvents_.list());
      return 0;
    });
    inputEvents_.clear();
    return;
  }
  ClapInputStream in(state.data(), state.size());
  if (!guarded("clap_plugin_state.load", [&] { return state_->load(plugin_, in.stream()); }))
    throw HostError("E_PRESET_FORMAT", info_.name + ": the plugin refused the state (clap_plugin_state.load failed)");
}

void ClapInstance::serviceHostRequests() {
  if (host_.takeCallbackRequest())
    guarded("clap_plugin.on_main_thread", [&] {
      plugin_->on_main_thread(plugin_);
      return 0;
    });
  if (host_.takeRestartRequest()) {
    setActive(false);
    setActive(true);
  }
}

void ClapInstance::processBlock(int numSamples) {
  for (auto& port : outputPorts_)
    for (auto& b : port.buffers) std::fill(b.begin(), b.begin() + numSamples, 0.f);
  clap_process_t process{};
  process.steady_time = steadyTime_;
  process.frames_count = static_cast<uint32_t>(numSamples);
  process.transport = nullptr;
  process.audio_inputs = inputBuffers_.empty() ? nullptr : inputBuffers_.data();
  process.audio_inputs_count = static_cast<uint32_t>(inputBuffers_.size());
  process.audio_outputs = outputBuffers_.empty() ? nullptr : outputBuffers_.data();
  process.audio_outputs_count = static_cast<uint32_t>(outputBuffers_.size());
  process.in_events = inputEvents_.list();
  process.out_events = outputEvents_.list();
  host_.setInProcess(true);
  const auto t0 = std::chrono::steady_clock::now();
  clap_process_status status = CLAP_PROCESS_ERROR;
  try {
    status = guarded("clap_plugin.process", [&] { return plugin_->process(plugin_, &process); });
  } catch (...) {
    host_.setInProcess(false);
    throw;
  }
  processSeconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  host_.setInProcess(false);
  if (status == CLAP_PROCESS_ERROR) throw HostError("E_PLUGIN_CALL", info_.name + ": process() returned CLAP_PROCESS_ERROR");
  steadyTime_ += numSamples;
  serviceHostRequests();
}

void ClapInstance::runSilence(int64_t samples) {
  inputEvents_.clear();
  for (auto& port : inputPorts_)
    for (auto& b : port.buffers) std::fill(b.begin(), b.end(), 0.f);
  for (int64_t done = 0; done < samples;) {
    const int n = static_cast<int>(std::min<int64_t>(options_.blockSize, samples - done));
    processBlock(n);
    done += n;
  }
}

void ClapInstance::resetToBase() {
  if (!hangingNotes_.empty() && !options_.reinstantiate) {
    inputEvents_.clear();
    for (const auto& [pitch, noteId] : hangingNotes_) inputEvents_.addNote(0, false, pitch, 0, noteId, midiDialect_);
    for (auto& port : inputPorts_)
      for (auto& b : port.buffers) std::fill(b.begin(), b.end(), 0.f);
    processBlock(options_.blockSize);
  }
  hangingNotes_.clear();
  if (options_.reinstantiate) {
    destroyPlugin();
    createPlugin();
  }
  // The state is loaded while inactive, and the deactivate/activate pair clears DSP memory
  // (delay lines, envelopes) that a state does not carry.
  setActive(false);
  loadState(base_);
  setActive(true);
  runSilence(static_cast<int64_t>(options_.warmupBlocks) * options_.blockSize);
}

double ClapInstance::toPlain(const ParamRange& range, double normalized) const {
  const double v = std::clamp(normalized, 0.0, 1.0);
  const double plain = range.min + v * (range.max - range.min);
  return range.stepped ? std::round(plain) : plain;
}

void ClapInstance::addParamEvents(const std::vector<std::pair<uint32_t, double>>& params) {
  for (const auto& [id, value] : params) {
    auto it = ranges_.find(id);
    if (it == ranges_.end()) throw HostError("E_PLUGIN_CALL", info_.name + ": no parameter with id " + std::to_string(id));
    inputEvents_.addParam(0, it->second.id, it->second.cookie, toPlain(it->second, value));
  }
}

RenderResult ClapInstance::render(const RenderRequest& request) {
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
    inputEvents_.clear();
    if (pos == 0) addParamEvents(request.params);
    while (nextEvent < events.size() && events[nextEvent].sample < pos + n) {
      const auto& ne = events[nextEvent++];
      inputEvents_.addNote(static_cast<uint32_t>(ne.sample - pos), ne.on, ne.pitch, ne.velocity / 127.0, ne.id, midiDialect_);
    }
    fillInputBlock(inputPorts_, request.input, pos, n);
    processBlock(n);
    const auto& out = outputPorts_[0];
    for (size_t c = 0; c < result.channels.size(); ++c)
      std::copy(out.buffers[c].begin(), out.buffers[c].begin() + n, result.channels[c].data() + pos);
    pos += n;
  }
  result.processSeconds = processSeconds_;
  return result;
}

std::vector<uint8_t> ClapInstance::getState() { return wrapState(pluginId_, base_); }

void ClapInstance::setState(const std::vector<uint8_t>& state) {
  auto [id, bytes] = unwrapState(state);
  if (id != pluginId_)
    throw HostError("E_PRESET_MISMATCH", "the state belongs to CLAP plugin " + id + ", not to " + info_.name + " (" + pluginId_ + ")");
  setActive(false);
  loadState(bytes);
  setActive(true);
  hangingNotes_.clear();
  runSilence(static_cast<int64_t>(options_.warmupBlocks) * options_.blockSize);
  // Re-saved rather than kept as given: later renders restore exactly what the plugin holds now.
  base_ = saveState();
  readParameters();
}

void ClapInstance::applyToBase(const std::vector<std::pair<uint32_t, double>>& params) {
  resetToBase();
  inputEvents_.clear();
  addParamEvents(params);
  for (auto& port : inputPorts_)
    for (auto& b : port.buffers) std::fill(b.begin(), b.end(), 0.f);
  processBlock(options_.blockSize);
  inputEvents_.clear();
  base_ = saveState();
}

std::vector<double> ClapInstance::parameterValues() {
  std::vector<double> values;
  if (!params_) return values;
  // Renders move parameters: read the base state's values instead.
  setActive(false);
  loadState(base_);
  setActive(true);
  for (const auto& p : parameters_) {
    const ParamRange& range = ranges_.at(p.id);
    double plain = range.min;
    guarded("clap_plugin_params.get_value", [&] { return params_->get_value(plugin_, range.id, &plain); });
    values.push_back(range.max > range.min ? (plain - range.min) / (range.max - range.min) : 0.0);
  }
  return values;
}

void ClapInstance::setReinstantiate(bool on) { options_.reinstantiate = on; }

void ClapInstance::readParameters() {
  parameters_.clear();
  ranges_.clear();
  if (!params_) return;
  guarded("parameter listing", [&] {
    const uint32_t count = params_->count(plugin_);
    constexpr uint32_t kHidden = CLAP_PARAM_IS_HIDDEN | CLAP_PARAM_IS_READONLY | CLAP_PARAM_IS_BYPASS;
    for (uint32_t i = 0; i < count; ++i) {
      clap_param_info_t pi{};
      if (!params_->get_info(plugin_, i, &pi)) continue;
      if (pi.flags & kHidden) continue;
      ParamRange range{pi.id, pi.cookie, pi.min_value, pi.max_value, (pi.flags & CLAP_PARAM_IS_STEPPED) != 0};
      ParameterInfo p;
      p.id = pi.id;
      p.title = std::string(pi.name, strnlen(pi.name, sizeof pi.name));
      p.units = "";  // CLAP parameters carry no unit: keys are built from the name alone
      const double span = pi.max_value - pi.min_value;
      p.defaultValue = span > 0 ? (pi.default_value - pi.min_value) / span : 0.0;
      p.stepCount = range.stepped ? static_cast<int>(std::lround(span)) : 0;
      if (p.stepCount > 0 && p.stepCount <= 256 && params_->value_to_text) {
        for (int k = 0; k <= p.stepCount; ++k) {
          char text[256] = {0};
          if (!params_->value_to_text(plugin_, pi.id, pi.min_value + k, text, sizeof text)) {
            p.valueStrings.clear();
            break;
          }
          p.valueStrings.emplace_back(text);
        }
      }
      ranges_[pi.id] = range;
      parameters_.push_back(std::move(p));
    }
    return 0;
  });
}

}  // namespace vstds
