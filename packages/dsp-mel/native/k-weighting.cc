// pyloudnorm's K-weighting (two biquads, scipy.signal.lfilter's transposed direct form II, zero
// state) with the squared output summed per piece between gating-block boundaries. The float64
// operations and their order are exactly those of src/integrated-loudness.ts, so both give the same
// bits (built with -ffp-contract=off: no fused multiply-adds).
#include "k-weighting.h"

#include "napi-args.h"

namespace vstds {
namespace {

struct Biquad {
  double b0, b1, b2, a1, a2;
};

struct State {
  double z0 = 0, z1 = 0, u0 = 0, u1 = 0;
};

// One sample through both stages; returns the stage-2 output.
inline double step(State& s, const Biquad& sh, const Biquad& hp, double x) {
  const double y = s.z0 + sh.b0 * x;
  s.z0 = s.z1 + x * sh.b1 - y * sh.a1;
  s.z1 = x * sh.b2 - y * sh.a2;
  const double v = s.u0 + hp.b0 * y;
  s.u0 = s.u1 + y * hp.b1 - v * hp.a1;
  s.u1 = y * hp.b2 - v * hp.a2;
  return v;
}

}  // namespace

// kWeightedPieceSums(x: Float32Array, x2: Float32Array | null, coeffs: Float64Array(10),
//                    cuts: Int32Array, sums: Float64Array, sums2: Float64Array | null): void
// coeffs = shelf b0 b1 b2 a1 a2, high-pass b0 b1 b2 a1 a2; sums[p] = Σ v² over [cuts[p], cuts[p+1]).
void KWeightedPieceSums(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "kWeightedPieceSums";
  Napi::Env env = info.Env();
  if (info.Length() != 6) throw Napi::TypeError::New(env, "kWeightedPieceSums: expected 6 arguments");
  auto x = typedArg<float>(info, 0, fn, "x");
  const bool pair = !info[1].IsNull();
  auto coeffs = typedArg<double>(info, 2, fn, "coeffs");
  auto cuts = typedArg<int32_t>(info, 3, fn, "cuts");
  auto sums = typedArg<double>(info, 4, fn, "sums");
  const size_t n = x.ElementLength();
  const size_t pieces = cuts.ElementLength() < 1 ? 0 : cuts.ElementLength() - 1;
  if (coeffs.ElementLength() != 10 || sums.ElementLength() < pieces)
    throw Napi::RangeError::New(env, "kWeightedPieceSums: inconsistent sizes");
  for (size_t p = 0; p < pieces; p++)
    if (cuts[p] < 0 || cuts[p] > cuts[p + 1] || static_cast<size_t>(cuts[p + 1]) > n)
      throw Napi::RangeError::New(env, "kWeightedPieceSums: cuts must rise within the signal");
  const Biquad sh{coeffs[0], coeffs[1], coeffs[2], coeffs[3], coeffs[4]};
  const Biquad hp{coeffs[5], coeffs[6], coeffs[7], coeffs[8], coeffs[9]};
  const float* a = x.Data();
  if (!pair) {
    State s;
    for (size_t p = 0; p < pieces; p++) {
      double acc = 0;
      for (int32_t i = cuts[p]; i < cuts[p + 1]; i++) {
        const double v = step(s, sh, hp, a[i]);
        acc += v * v;
      }
      sums[p] = acc;
    }
    return;
  }
  auto x2 = typedArg<float>(info, 1, fn, "x2");
  auto sums2 = typedArg<double>(info, 5, fn, "sums2");
  if (x2.ElementLength() != n || sums2.ElementLength() < pieces)
    throw Napi::RangeError::New(env, "kWeightedPieceSums: inconsistent sizes");
  const float* b = x2.Data();
  // Two independent recursions interleaved: each is latency-bound, so the pair costs about one.
  State s, t;
  for (size_t p = 0; p < pieces; p++) {
    double acc = 0, acc2 = 0;
    for (int32_t i = cuts[p]; i < cuts[p + 1]; i++) {
      const double v = step(s, sh, hp, a[i]);
      const double v2 = step(t, sh, hp, b[i]);
      acc += v * v;
      acc2 += v2 * v2;
    }
    sums[p] = acc;
    sums2[p] = acc2;
  }
}

}  // namespace vstds
