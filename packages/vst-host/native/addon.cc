#include <napi.h>

namespace {

Napi::Value AddonVersion(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), "vstds-host-native 0.1.0");
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("addonVersion", Napi::Function::New(env, AddonVersion, "addonVersion"));
  return exports;
}

}  // namespace

NODE_API_MODULE(vstds_host, Init)
