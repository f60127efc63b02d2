#pragma once
#include <napi.h>

#include <cstddef>
#include <cstdint>

namespace vstds {
/** float32 → binary16 bits exactly like src/float16.ts (numpy's astype(float16), NaN payload kept). */
void toFloat16(const float* x, size_t n, uint16_t* out);
/** Whether toFloat16 uses the CPU's F16C conversion (the result is the same either way). */
bool hasF16c();
void Float16Bits(const Napi::CallbackInfo& info);
}  // namespace vstds
