// Whole-row passes that are cheap in C++ and not in JavaScript: finding the first NaN/±Infinity
// sample (the gate's first check, and librosa's refusal), the peak level, and the last step of
// power_to_db.
#include "row-scan.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "napi-args.h"

namespace vstds {
namespace {

// Whether any of x[0..63] is NaN/±Infinity (exponent all ones); branch-free so that it vectorises
// (AVX2 clone where the CPU has it).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default"), optimize("O3")))
#endif
bool blockHasNonFinite(const float* x) {
  uint32_t any = 0;
  for (size_t j = 0; j < 64; j++) {
    uint32_t b;
    std::memcpy(&b, x + j, 4);
    any |= (b & 0x7f800000u) == 0x7f800000u ? 1u : 0u;
  }
  return any != 0;
}

// max |x[i]|, NaN skipped. On the bits: |x| clears the sign, and non-negative floats order like their
// bit patterns, so an integer max (which vectorises, where a float max reduction needs fast-math)
// gives the same number; NaN patterns (above +Infinity's) are masked to 0. Written so that GCC
// vectorises it: a may_alias load, the mask as arithmetic rather than a second select.
typedef uint32_t __attribute__((may_alias)) AliasingU32;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default"), optimize("O3")))
#endif
uint32_t peakBitsOf(const float* x, size_t n) {
  const AliasingU32* u = reinterpret_cast<const AliasingU32*>(x);
  uint32_t m = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t b = u[i] & 0x7fffffffu;
    b &= 0u - static_cast<uint32_t>(b <= 0x7f800000u);
    m = b > m ? b : m;
  }
  return m;
}

}  // namespace

// peakAbs(x: Float32Array): number — max |x[i]| (0 for no samples), NaN samples skipped.
Napi::Value PeakAbs(const Napi::CallbackInfo& info) {
  if (info.Length() != 1) throw Napi::TypeError::New(info.Env(), "peakAbs: expected 1 argument");
  auto xs = typedArg<float>(info, 0, "peakAbs", "x");
  const uint32_t bits = peakBitsOf(xs.Data(), xs.ElementLength());
  float peak;
  std::memcpy(&peak, &bits, 4);
  return Napi::Number::New(info.Env(), static_cast<double>(peak));
}

// firstNonFinite(x: Float32Array): number — index of the first NaN/±Infinity, or -1.
Napi::Value FirstNonFinite(const Napi::CallbackInfo& info) {
  if (info.Length() != 1) throw Napi::TypeError::New(info.Env(), "firstNonFinite: expected 1 argument");
  auto xs = typedArg<float>(info, 0, "firstNonFinite", "x");
  const float* x = xs.Data();
  const size_t n = xs.ElementLength();
  // Whole blocks are tested branch-free; the block holding the first bad sample is then searched
  // one by one.
  size_t i = 0;
  for (; i + 64 <= n; i += 64)
    if (blockHasNonFinite(x + i)) break;
  for (; i < n; i++)
    if (!std::isfinite(x[i])) return Napi::Number::New(info.Env(), static_cast<double>(i));
  return Napi::Number::New(info.Env(), -1);
}

// dbFromPower(values: Float64Array, groups: number, out: Float32Array): void — power_to_db(S,
// ref=max, amin=1e-10, top_db=80) per group (equal consecutive slices; `values` is scratch):
// L = 10·log10(max(amin, S)), ref = max L, out = float32(max(L − ref, −80)). The same operations as
// melPower's log plus src/power-to-db.ts, except that the log is skipped for values that certainly
// land on the −80 dB floor: max(amin, S) below max(amin, max S)·1e-8 by a relative margin of 1e-6
// (4e-6 dB, far beyond log10's few-ulp error), so every output bit is the same. Rows with silence or
// empty bands skip most of their logs.
void DbFromPower(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "dbFromPower";
  if (info.Length() != 3) throw Napi::TypeError::New(info.Env(), "dbFromPower: expected 3 arguments");
  auto values = typedArg<double>(info, 0, fn, "values");
  const int groups = intArg(info, 1, fn, "groups");
  auto out = typedArg<float>(info, 2, fn, "out");
  const size_t n = values.ElementLength();
  if (groups < 1 || n % groups != 0 || out.ElementLength() != n)
    throw Napi::RangeError::New(info.Env(), "dbFromPower: inconsistent sizes");
  const size_t size = n / groups;
  double* v = values.Data();
  float* o = out.Data();
  for (int g = 0; g < groups; g++) {
    const size_t lo = g * size, hi = lo + size;
    double peak = 0.0;
    for (size_t i = lo; i < hi; i++) peak = v[i] > peak ? v[i] : peak;
    const double cutoff = (peak > 1e-10 ? peak : 1e-10) * 1e-8 * (1.0 - 1e-6);
    for (size_t i = lo; i < hi; i++) {
      const double a = v[i] > 1e-10 ? v[i] : 1e-10;
      v[i] = a < cutoff ? -INFINITY : 10.0 * std::log10(a);
    }
    double ref = -INFINITY;
    for (size_t i = lo; i < hi; i++) ref = v[i] > ref ? v[i] : ref;
    const double floor = ref - ref - 80.0;
    for (size_t i = lo; i < hi; i++) {
      const double d = v[i] - ref;
      o[i] = static_cast<float>(d > floor ? d : floor);
    }
  }
}

}  // namespace vstds
