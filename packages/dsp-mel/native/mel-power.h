#pragma once
#include <napi.h>

namespace vstds {
void MelPower(const Napi::CallbackInfo& info);
}
