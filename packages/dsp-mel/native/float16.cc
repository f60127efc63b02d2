// float32 → IEEE binary16 with the CPU's F16C instruction (round to nearest even, overflow to inf,
// exact subnormals: the same as numpy's astype(float16) and src/float16.ts) where the CPU has it,
// else the bit-twiddling of src/float16.ts. F16C quiets signalling NaNs, numpy and our TypeScript
// keep the payload, so blocks holding a NaN take the scalar path.
#include "float16.h"

#include <cstring>

#include "napi-args.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define VSTDS_X86 1
#endif

namespace vstds {
namespace {

uint16_t halfFromFloatBits(uint32_t f) {
  const uint32_t sign = (f >> 16) & 0x8000;
  const uint32_t fexp = f & 0x7f800000;
  const uint32_t fsig = f & 0x7fffff;
  if (fexp >= 0x47800000) {
    if (fexp == 0x7f800000 && fsig != 0) {
      const uint32_t nan = 0x7c00 + (fsig >> 13);
      return static_cast<uint16_t>(sign | (nan == 0x7c00 ? 0x7c01 : nan));
    }
    return static_cast<uint16_t>(sign | 0x7c00);
  }
  if (fexp <= 0x38000000) {
    if (fexp < 0x33000000) return static_cast<uint16_t>(sign);
    const uint32_t shift = 126 - (fexp >> 23);
    const uint32_t sig = 0x800000 | fsig;
    uint32_t h = sig >> shift;
    const uint32_t rem = sig & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (h & 1) == 1)) h++;
    return static_cast<uint16_t>(sign | h);
  }
  const uint32_t rounded = fsig + 0xfff + ((fsig >> 13) & 1);
  return static_cast<uint16_t>(sign | (((fexp - 0x38000000) >> 13) + (rounded >> 13)));
}

void scalar(const float* x, size_t n, uint16_t* out) {
  for (size_t i = 0; i < n; i++) {
    uint32_t f;
    std::memcpy(&f, x + i, 4);
    out[i] = halfFromFloatBits(f);
  }
}

#ifdef VSTDS_X86
__attribute__((target("avx,f16c"))) void f16c(const float* x, size_t n, uint16_t* out) {
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m256 v = _mm256_loadu_ps(x + i);
    if (_mm256_movemask_ps(_mm256_cmp_ps(v, v, _CMP_UNORD_Q)) != 0) {
      scalar(x + i, 8, out + i);
      continue;
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), _mm256_cvtps_ph(v, _MM_FROUND_TO_NEAREST_INT));
  }
  scalar(x + i, n - i, out + i);
}
#endif

}  // namespace

bool hasF16c() {
#ifdef VSTDS_X86
  static const bool has = (__builtin_cpu_init(), __builtin_cpu_supports("avx") && __builtin_cpu_supports("f16c"));
  return has;
#else
  return false;
#endif
}

void toFloat16(const float* x, size_t n, uint16_t* out) {
#ifdef VSTDS_X86
  if (hasF16c()) return f16c(x, n, out);
#endif
  scalar(x, n, out);
}

// float16Bits(x: Float32Array, out: Uint16Array, outOffset: number): void — out[outOffset + i] = half(x[i]).
void Float16Bits(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "float16Bits";
  if (info.Length() != 3) throw Napi::TypeError::New(info.Env(), "float16Bits: expected 3 arguments");
  auto x = typedArg<float>(info, 0, fn, "x");
  auto out = typedArg<uint16_t>(info, 1, fn, "out");
  const int offset = intArg(info, 2, fn, "outOffset");
  if (offset < 0 || static_cast<size_t>(offset) + x.ElementLength() > out.ElementLength())
    throw Napi::RangeError::New(info.Env(), "float16Bits: out is too short");
  toFloat16(x.Data(), x.ElementLength(), out.Data() + offset);
}

}  // namespace vstds
