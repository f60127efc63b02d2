// Mel power spectrogram of one channel with FFTW: framing (centre, zero padding), periodic window,
// exact n_fft-point real DFT, |X|^2 and the sparse mel product, all in float64. Window and filterbank
// come from JavaScript so both FFT backends share one definition of them.
#include "mel-power.h"

#include <fftw3.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>
#include <vector>

#include "napi-args.h"

namespace vstds {
namespace {

// The FFTW planner is not thread-safe (worker threads share this module); executing a plan on
// fresh arrays is. FFTW_ESTIMATE keeps the plan independent of timing noise and FFTW_NO_SIMD keeps
// it independent of the CPU's vector units, so every machine with this FFTW build gets the same bits
// (datasets are generated on many machines; this costs ~0.5 ms per 4 s stereo row).
std::mutex planMutex;
std::map<int, fftw_plan> plans;

fftw_plan planFor(int nFft) {
  std::lock_guard<std::mutex> lock(planMutex);
  auto found = plans.find(nFft);
  if (found != plans.end()) return found->second;
  double* in = fftw_alloc_real(nFft);
  fftw_complex* out = fftw_alloc_complex(nFft / 2 + 1);
  fftw_plan plan = fftw_plan_dft_r2c_1d(nFft, in, out, FFTW_ESTIMATE | FFTW_NO_SIMD);
  fftw_free(in);
  fftw_free(out);
  plans.emplace(nFft, plan);
  return plan;
}

}  // namespace

// melPower(samples: Float32Array, nFft, hop, frames, window: Float64Array, fbStart: Int32Array,
//          fbLength: Int32Array, fbOffset: Int32Array, fbWeights: Float64Array,
//          out: Float64Array, outOffset, logScale: boolean): void
// out[outOffset + m*frames + t] = S[m][t], or 10*log10(max(1e-10, S[m][t])) when logScale (the
// array term of power_to_db; libm's log10 is about twice as fast as V8's here).
void MelPower(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "melPower";
  Napi::Env env = info.Env();
  if (info.Length() != 12) throw Napi::TypeError::New(env, "melPower: expected 12 arguments");
  auto samples = typedArg<float>(info, 0, fn, "samples");
  const int nFft = intArg(info, 1, fn, "nFft");
  const int hop = intArg(info, 2, fn, "hop");
  const int frames = intArg(info, 3, fn, "frames");
  auto window = typedArg<double>(info, 4, fn, "window");
  auto fbStart = typedArg<int32_t>(info, 5, fn, "fbStart");
  auto fbLength = typedArg<int32_t>(info, 6, fn, "fbLength");
  auto fbOffset = typedArg<int32_t>(info, 7, fn, "fbOffset");
  auto fbWeights = typedArg<double>(info, 8, fn, "fbWeights");
  auto out = typedArg<double>(info, 9, fn, "out");
  const int outOffset = intArg(info, 10, fn, "outOffset");
  if (!info[11].IsBoolean()) throw Napi::TypeError::New(env, "melPower: logScale must be a boolean");
  const bool logScale = info[11].As<Napi::Boolean>().Value();

  const int nBins = nFft / 2 + 1;
  const int nMels = static_cast<int>(fbStart.ElementLength());
  if (nFft < 2 || hop < 1 || frames < 1 || static_cast<int>(window.ElementLength()) != nFft ||
      static_cast<int>(fbLength.ElementLength()) != nMels || static_cast<int>(fbOffset.ElementLength()) != nMels ||
      outOffset < 0 || static_cast<size_t>(outOffset) + static_cast<size_t>(nMels) * frames > out.ElementLength())
    throw Napi::RangeError::New(env, "melPower: inconsistent sizes");
  for (int m = 0; m < nMels; m++) {
    if (fbStart[m] < 0 || fbLength[m] < 0 || fbStart[m] + fbLength[m] > nBins || fbOffset[m] < 0 ||
        static_cast<size_t>(fbOffset[m]) + fbLength[m] > fbWeights.ElementLength())
      throw Napi::RangeError::New(env, "melPower: filterbank row out of range");
  }

  fftw_plan plan = planFor(nFft);
  double* frame;
  fftw_complex* spectrum;
  {
    // FFTW documents only fftw_execute* as thread-safe, so its allocator goes under the lock too.
    std::lock_guard<std::mutex> lock(planMutex);
    frame = fftw_alloc_real(nFft);
    spectrum = fftw_alloc_complex(nBins);
  }
  std::vector<double> power(nBins);
  const float* y = samples.Data();
  const int64_t n = static_cast<int64_t>(samples.ElementLength());
  const int half = nFft / 2;
  const double* w = window.Data();
  double* dst = out.Data() + outOffset;

  for (int t = 0; t < frames; t++) {
    const int64_t first = static_cast<int64_t>(t) * hop - half;
    if (first >= 0 && first + nFft <= n) {
      const float* src = y + first;
      for (int i = 0; i < nFft; i++) frame[i] = w[i] * static_cast<double>(src[i]);
    } else {
      for (int i = 0; i < nFft; i++) {
        const int64_t j = first + i;
        frame[i] = (j >= 0 && j < n) ? w[i] * static_cast<double>(y[j]) : 0.0;
      }
    }
    fftw_execute_dft_r2c(plan, frame, spectrum);
    for (int k = 0; k < nBins; k++) power[k] = spectrum[k][0] * spectrum[k][0] + spectrum[k][1] * spectrum[k][1];
    for (int m = 0; m < nMels; m++) {
      const double* wm = fbWeights.Data() + fbOffset[m];
      const double* pk = power.data() + fbStart[m];
      double s = 0.0;
      for (int k = 0, len = fbLength[m]; k < len; k++) s += wm[k] * pk[k];
      dst[static_cast<size_t>(m) * frames + t] = logScale ? 10.0 * std::log10(s > 1e-10 ? s : 1e-10) : s;
    }
  }
  std::lock_guard<std::mutex> lock(planMutex);
  fftw_free(frame);
  fftw_free(spectrum);
}

}  // namespace vstds
