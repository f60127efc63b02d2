// Two whole-row passes that are cheap in C++ and not in JavaScript: finding the first NaN/±Infinity
// sample (the gate's first check, and librosa's refusal), and the last step of power_to_db.
#include "row-scan.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "napi-args.h"

namespace vstds {

// firstNonFinite(x: Float32Array): number — index of the first NaN/±Infinity, or -1.
Napi::Value FirstNonFinite(const Napi::CallbackInfo& info) {
  if (info.Length() != 1) throw Napi::TypeError::New(info.Env(), "firstNonFinite: expected 1 argument");
  auto xs = typedArg<float>(info, 0, "firstNonFinite", "x");
  const float* x = xs.Data();
  const size_t n = xs.ElementLength();
  // Exponent all ones ⇔ NaN or ±Infinity. Whole blocks are tested branch-free (vectorisable); the
  // block holding the first bad sample is then searched one by one.
  size_t i = 0;
  for (; i + 64 <= n; i += 64) {
    uint32_t any = 0;
    for (size_t j = 0; j < 64; j++) {
      uint32_t b;
      std::memcpy(&b, x + i + j, 4);
      any |= static_cast<uint32_t>((b & 0x7f800000u) == 0x7f800000u);
    }
    if (any) break;
  }
  for (; i < n; i++)
    if (!std::isfinite(x[i])) return Napi::Number::New(info.Env(), static_cast<double>(i));
  return Napi::Number::New(info.Env(), -1);
}

// dbFinish(values: Float64Array, groups: number, out: Float32Array): void — power_to_db after the
// log: per group (equal consecutive slices) ref = max, out = float32(max(v − ref, −80)), the same
// operations as src/power-to-db.ts on already log-scaled values.
void DbFinish(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "dbFinish";
  if (info.Length() != 3) throw Napi::TypeError::New(info.Env(), "dbFinish: expected 3 arguments");
  auto values = typedArg<double>(info, 0, fn, "values");
  const int groups = intArg(info, 1, fn, "groups");
  auto out = typedArg<float>(info, 2, fn, "out");
  const size_t n = values.ElementLength();
  if (groups < 1 || n % groups != 0 || out.ElementLength() != n)
    throw Napi::RangeError::New(info.Env(), "dbFinish: inconsistent sizes");
  const size_t size = n / groups;
  const double* v = values.Data();
  float* o = out.Data();
  for (int g = 0; g < groups; g++) {
    const size_t lo = g * size, hi = lo + size;
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
