// Node-API surface: loadPlugin resolves to a handle whose render runs on the libuv pool.
// Each handle owns one instance behind a mutex, so calls on one instance are serialized while
// different instances render in parallel. The constructor reference lives in per-environment
// instance data (worker_threads each get their own); the only process-wide table is the VST3
// library registry in vst3-module.cc, which mirrors the dynamic loader's own.
#include <napi.h>

#include <malloc.h>

#include <chrono>
#include <memory>
#include <mutex>

#include "clap-instance.h"
#include "lv2-instance.h"
#include "plugin-instance.h"
#include "vst3-instance.h"

namespace vstds {
namespace {

struct InstanceSlot {
  std::mutex mutex;
  std::unique_ptr<PluginInstance> instance;
  std::shared_ptr<ChannelPool> channelPool = std::make_shared<ChannelPool>();
};

struct AddonData {
  Napi::FunctionReference handleConstructor;
};

std::string encodeError(const HostError& e) { return "[" + e.code() + "] " + e.what(); }

Napi::Error toJsError(Napi::Env env, const std::string& message) { return Napi::Error::New(env, message); }

// Runs `f` with the instance locked; converts every C++ failure into a coded JS-side message.
template <class F>
void withInstance(InstanceSlot& slot, F&& f, std::string& error) {
  try {
    std::lock_guard<std::mutex> lock(slot.mutex);
    if (!slot.instance) throw HostError("E_CLOSED", "the plugin was closed");
    f(*slot.instance);
  } catch (const HostError& e) {
    error = encodeError(e);
  } catch (const std::exception& e) {
    error = std::string("[E_PLUGIN_CALL] ") + e.what();
  } catch (...) {
    error = "[E_PLUGIN_CALL] unknown native exception";
  }
}

Napi::Object infoToJs(Napi::Env env, const PluginInfo& info) {
  auto o = Napi::Object::New(env);
  o.Set("name", info.name);
  o.Set("vendor", info.vendor);
  o.Set("version", info.version);
  o.Set("format", info.format);
  o.Set("uid", info.uid);
  o.Set("isInstrument", info.isInstrument);
  o.Set("inputChannels", info.inputChannels);
  o.Set("outputChannels", info.outputChannels);
  return o;
}

Napi::Array parametersToJs(Napi::Env env, const std::vector<ParameterInfo>& params) {
  auto arr = Napi::Array::New(env, params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    auto o = Napi::Object::New(env);
    o.Set("id", p.id);
    o.Set("title", p.title);
    o.Set("units", p.units);
    o.Set("defaultValue", p.defaultValue);
    o.Set("stepCount", p.stepCount);
    auto strings = Napi::Array::New(env, p.valueStrings.size());
    for (size_t k = 0; k < p.valueStrings.size(); ++k) strings.Set(static_cast<uint32_t>(k), p.valueStrings[k]);
    o.Set("valueStrings", strings);
    arr.Set(static_cast<uint32_t>(i), o);
  }
  return arr;
}

class PluginHandle : public Napi::ObjectWrap<PluginHandle> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "PluginHandle",
                       {InstanceMethod("info", &PluginHandle::Info), InstanceMethod("parameters", &PluginHandle::Parameters),
                        InstanceMethod("render", &PluginHandle::Render), InstanceMethod("getState", &PluginHandle::GetState),
                        InstanceMethod("setState", &PluginHandle::SetState), InstanceMethod("close", &PluginHandle::Close),
                        InstanceMethod("applyToBase", &PluginHandle::ApplyToBase),
                        InstanceMethod("parameterValues", &PluginHandle::ParameterValues),
                        InstanceMethod("setReinstantiate", &PluginHandle::SetReinstantiate),
                        InstanceMethod("setParamsReset", &PluginHandle::SetParamsReset)});
  }

  explicit PluginHandle(const Napi::CallbackInfo& info) : Napi::ObjectWrap<PluginHandle>(info) {
    if (info.Length() != 1 || !info[0].IsExternal()) throw Napi::TypeError::New(info.Env(), "PluginHandle is created by load()");
    slot_ = *info[0].As<Napi::External<std::shared_ptr<InstanceSlot>>>().Data();
  }

 private:
  template <class F>
  auto sync(Napi::Env env, F&& f) {
    std::string error;
    decltype(f(std::declval<PluginInstance&>())) out{};
    withInstance(*slot_, [&](PluginInstance& p) { out = f(p); }, error);
    if (!error.empty()) throw toJsError(env, error);
    return out;
  }

  Napi::Value Info(const Napi::CallbackInfo& info) {
    return infoToJs(info.Env(), sync(info.Env(), [](PluginInstance& p) { return p.info(); }));
  }
  Napi::Value Parameters(const Napi::CallbackInfo& info) {
    return parametersToJs(info.Env(), sync(info.Env(), [](PluginInstance& p) { return p.parameters(); }));
  }
  Napi::Value GetState(const Napi::CallbackInfo& info) {
    auto bytes = sync(info.Env(), [](PluginInstance& p) { return p.getState(); });
    auto out = Napi::Uint8Array::New(info.Env(), bytes.size());
    std::copy(bytes.begin(), bytes.end(), out.Data());
    return out;
  }
  Napi::Value SetState(const Napi::CallbackInfo& info) {
    if (info.Length() < 1 || !info[0].IsTypedArray()) throw Napi::TypeError::New(info.Env(), "setState expects a Uint8Array");
    auto arr = info[0].As<Napi::Uint8Array>();
    std::vector<uint8_t> bytes(arr.Data(), arr.Data() + arr.ByteLength());
    sync(info.Env(), [&](PluginInstance& p) {
      p.setState(bytes);
      return 0;
    });
    return info.Env().Undefined();
  }
  // applyToBase(ids: Uint32Array, values: Float64Array)
  Napi::Value ApplyToBase(const Napi::CallbackInfo& info) {
    if (info.Length() < 2 || !info[0].IsTypedArray() || !info[1].IsTypedArray())
      throw Napi::TypeError::New(info.Env(), "applyToBase(ids, values)");
    auto ids = info[0].As<Napi::Uint32Array>();
    auto values = info[1].As<Napi::Float64Array>();
    std::vector<std::pair<uint32_t, double>> params;
    for (size_t i = 0; i < ids.ElementLength() && i < values.ElementLength(); ++i) params.emplace_back(ids[i], values[i]);
    sync(info.Env(), [&](PluginInstance& p) {
      p.applyToBase(params);
      return 0;
    });
    return info.Env().Undefined();
  }
  Napi::Value SetReinstantiate(const Napi::CallbackInfo& info) {
    const bool on = info.Length() > 0 && info[0].ToBoolean().Value();
    sync(info.Env(), [&](PluginInstance& p) {
      p.setReinstantiate(on);
      return 0;
    });
    return info.Env().Undefined();
  }
  Napi::Value SetParamsReset(const Napi::CallbackInfo& info) {
    const bool on = info.Length() > 0 && info[0].ToBoolean().Value();
    return Napi::Boolean::New(info.Env(), sync(info.Env(), [&](PluginInstance& p) { return p.setParamsReset(on); }));
  }
  Napi::Value ParameterValues(const Napi::CallbackInfo& info) {
    auto values = sync(info.Env(), [](PluginInstance& p) { return p.parameterValues(); });
    auto out = Napi::Float64Array::New(info.Env(), values.size());
    std::copy(values.begin(), values.end(), out.Data());
    return out;
  }
  Napi::Value Close(const Napi::CallbackInfo& info) {
    std::unique_ptr<PluginInstance> doomed;
    {
      std::lock_guard<std::mutex> lock(slot_->mutex);
      doomed = std::move(slot_->instance);
    }
    try {
      doomed.reset();
    } catch (...) {
    }
    return info.Env().Undefined();
  }

  // render(ids: Uint32Array, values: Float64Array, notes: Float64Array (pitch, velocity, startSample,
  // endSample)*, numSamples: number, input: Float32Array[]) -> Promise<{channels, processSeconds}>
  Napi::Value Render(const Napi::CallbackInfo& info);

  std::shared_ptr<InstanceSlot> slot_;
};

class RenderWorker : public Napi::AsyncWorker {
 public:
  RenderWorker(Napi::Env env, std::shared_ptr<InstanceSlot> slot, RenderRequest request)
      : Napi::AsyncWorker(env, "vstds.render"), deferred_(Napi::Promise::Deferred::New(env)), slot_(std::move(slot)),
        request_(std::move(request)) {}
  Napi::Promise promise() const { return deferred_.Promise(); }

  void Execute() override {
    std::string error;
    withInstance(
        *slot_,
        [&](PluginInstance& p) {
          const auto t0 = std::chrono::steady_clock::now();
          result_ = p.render(request_);
          result_.nativeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        },
        error);
    if (!error.empty()) SetError(error);
  }
  void OnOK() override {
    auto env = Env();
    auto channels = Napi::Array::New(env, result_.channels.size());
    for (size_t c = 0; c < result_.channels.size(); ++c) {
      const size_t n = result_.channels[c].size();
      std::shared_ptr<ChannelPool> pool = result_.channels[c].pool();
      float* data = result_.channels[c].release();
      auto buffer = Napi::ArrayBuffer::New(env, data, n * sizeof(float),
                                           [pool, n](Napi::Env, void* p) { freeChannel(pool, static_cast<float*>(p), n); });
      channels.Set(static_cast<uint32_t>(c), Napi::Float32Array::New(env, n, buffer, 0));
    }
    auto out = Napi::Object::New(env);
    out.Set("channels", channels);
    out.Set("processSeconds", result_.processSeconds);
    out.Set("nativeSeconds", result_.nativeSeconds);
    deferred_.Resolve(out);
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::shared_ptr<InstanceSlot> slot_;
  RenderRequest request_;
  RenderResult result_;
};

Napi::Value PluginHandle::Render(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (info.Length() < 5 || !info[0].IsTypedArray() || !info[1].IsTypedArray() || !info[2].IsTypedArray() ||
      !info[3].IsNumber() || !info[4].IsArray())
    throw Napi::TypeError::New(env, "render(ids, values, notes, numSamples, input)");
  RenderRequest request;
  auto ids = info[0].As<Napi::Uint32Array>();
  auto values = info[1].As<Napi::Float64Array>();
  for (size_t i = 0; i < ids.ElementLength() && i < values.ElementLength(); ++i) request.params.emplace_back(ids[i], values[i]);
  auto notes = info[2].As<Napi::Float64Array>();
  for (size_t i = 0; i + 3 < notes.ElementLength(); i += 4)
    request.notes.push_back({static_cast<int>(notes[i]), notes[i + 1], static_cast<int64_t>(notes[i + 2]),
                             static_cast<int64_t>(notes[i + 3])});
  request.numSamples = info[3].As<Napi::Number>().Int64Value();
  auto input = info[4].As<Napi::Array>();
  for (uint32_t c = 0; c < input.Length(); ++c) {
    auto ch = input.Get(c).As<Napi::Float32Array>();
    request.input.emplace_back(ch.Data(), ch.Data() + ch.ElementLength());
  }
  request.pool = slot_->channelPool;
  auto* worker = new RenderWorker(env, slot_, std::move(request));
  auto promise = worker->promise();
  worker->Queue();
  return promise;
}

class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, std::string path, std::string format, HostOptions options)
      : Napi::AsyncWorker(env, "vstds.load"), deferred_(Napi::Promise::Deferred::New(env)), path_(std::move(path)),
        format_(std::move(format)), options_(options) {}
  Napi::Promise promise() const { return deferred_.Promise(); }

  void Execute() override {
    try {
      slot_ = std::make_shared<InstanceSlot>();
      if (format_ == "lv2") {
        slot_->instance = std::make_unique<Lv2Instance>(path_, options_);
      } else if (format_ == "clap") {
        slot_->instance = std::make_unique<ClapInstance>(path_, options_);
      } else {
        slot_->instance = std::make_unique<Vst3Instance>(path_, options_);
      }
    } catch (const HostError& e) {
      slot_.reset();
      SetError(encodeError(e));
    } catch (const std::exception& e) {
      slot_.reset();
      SetError(std::string("[E_PLUGIN_CALL] ") + path_ + ": " + e.what());
    } catch (...) {
      slot_.reset();
      SetError("[E_PLUGIN_CALL] " + path_ + ": unknown exception while loading");
    }
  }
  void OnOK() override {
    auto env = Env();
    auto* data = env.GetInstanceData<AddonData>();
    auto external = Napi::External<std::shared_ptr<InstanceSlot>>::New(env, &slot_);
    // The constructor copies the shared_ptr out of the external before this worker is deleted.
    deferred_.Resolve(data->handleConstructor.New({external}));
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  Napi::Promise::Deferred deferred_;
  std::string path_, format_;
  HostOptions options_;
  std::shared_ptr<InstanceSlot> slot_;
};

// load(path, format, sampleRate, blockSize, warmupBlocks) -> Promise<PluginHandle>
Napi::Value Load(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (info.Length() < 5 || !info[0].IsString() || !info[1].IsString())
    throw Napi::TypeError::New(env, "load(path, format, sampleRate, blockSize, warmupBlocks)");
  HostOptions options;
  options.sampleRate = info[2].As<Napi::Number>().DoubleValue();
  options.blockSize = info[3].As<Napi::Number>().Int32Value();
  options.warmupBlocks = info[4].As<Napi::Number>().Int32Value();
  options.reinstantiate = info.Length() > 5 && info[5].ToBoolean().Value();
  if (info.Length() > 6 && info[6].IsArray()) {
    auto withheld = info[6].As<Napi::Array>();
    for (uint32_t i = 0; i < withheld.Length(); ++i) options.withheldFeatures.push_back(withheld.Get(i).ToString().Utf8Value());
  }
  auto* worker = new LoadWorker(env, info[0].As<Napi::String>(), info[1].As<Napi::String>(), options);
  auto promise = worker->promise();
  worker->Queue();
  return promise;
}

// Some plugins read heap memory they never initialised (mda JX10, under valgrind), which makes a
// render depend on what earlier renders left in freed blocks. glibc's M_PERTURB fills every fresh
// allocation with the same byte, so such reads become a fixed value and renders stay pure
// functions of their inputs. It is a process-wide allocator setting, applied before plugins load.
Napi::Value SetHeapPerturb(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber())
    throw Napi::TypeError::New(env, "setHeapPerturb(byte: 0..255, 0 = off)");
  int byte = info[0].As<Napi::Number>().Int32Value();
  if (byte < 0 || byte > 255) throw Napi::RangeError::New(env, "setHeapPerturb: byte must be in 0..255");
  return Napi::Boolean::New(env, mallopt(M_PERTURB, byte) == 1);
}

Napi::Value AddonVersion(const Napi::CallbackInfo& info) { return Napi::String::New(info.Env(), "vstds-host-native 0.2.0"); }

}  // namespace

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  data->handleConstructor = Napi::Persistent(PluginHandle::Define(env));
  env.SetInstanceData(data);
  exports.Set("addonVersion", Napi::Function::New(env, AddonVersion, "addonVersion"));
  exports.Set("load", Napi::Function::New(env, Load, "load"));
  exports.Set("setHeapPerturb", Napi::Function::New(env, SetHeapPerturb, "setHeapPerturb"));
  return exports;
}

}  // namespace vstds

static Napi::Object InitAddon(Napi::Env env, Napi::Object exports) { return vstds::Init(env, exports); }

NODE_API_MODULE(vstds_host, InitAddon)
