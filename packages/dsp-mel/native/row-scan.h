#pragma once
#include <napi.h>

namespace vstds {
Napi::Value FirstNonFinite(const Napi::CallbackInfo& info);
Napi::Value PeakAbs(const Napi::CallbackInfo& info);
void DbFromPower(const Napi::CallbackInfo& info);
}  // namespace vstds
