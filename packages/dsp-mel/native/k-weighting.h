#pragma once
#include <napi.h>

namespace vstds {
void KWeightedPieceSums(const Napi::CallbackInfo& info);
}
