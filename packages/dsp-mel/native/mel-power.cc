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
#include "pfa-power-spectrum.h"

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

struct Signal {
  const float* y;
  int64_t n;
  const double* window;
  int nFft, hop;
};

struct Filterbank {
  const int32_t* start;
  const int32_t* length;
  const int32_t* offset;
  const double* weights;
  int nMels;
};

// Frame t: centred on sample t·hop, zeros outside the signal (librosa's constant padding), windowed.
void fillFrame(const Signal& s, int t, double* frame) {
  const int64_t first = static_cast<int64_t>(t) * s.hop - s.nFft / 2;
  const double* w = s.window;
  if (first >= 0 && first + s.nFft <= s.n) {
    const float* src = s.y + first;
    for (int i = 0; i < s.nFft; i++) frame[i] = w[i] * static_cast<double>(src[i]);
  } else {
    for (int i = 0; i < s.nFft; i++) {
      const int64_t j = first + i;
      frame[i] = (j >= 0 && j < s.n) ? w[i] * static_cast<double>(s.y[j]) : 0.0;
    }
  }
}

inline double dbTerm(double s, bool logScale) { return logScale ? 10.0 * std::log10(s > 1e-10 ? s : 1e-10) : s; }

// Today's path (the bytes every dataset so far was made with): FFTW's plan, one frame at a time.
void melPowerFftw(const Signal& sig, const Filterbank& fb, int frames, bool logScale, double* dst) {
  const int nBins = sig.nFft / 2 + 1;
  fftw_plan plan = planFor(sig.nFft);
  double* frame;
  fftw_complex* spectrum;
  {
    // FFTW documents only fftw_execute* as thread-safe, so its allocator goes under the lock too.
    std::lock_guard<std::mutex> lock(planMutex);
    frame = fftw_alloc_real(sig.nFft);
    spectrum = fftw_alloc_complex(nBins);
  }
  std::vector<double> power(nBins);
  for (int t = 0; t < frames; t++) {
    fillFrame(sig, t, frame);
    fftw_execute_dft_r2c(plan, frame, spectrum);
    for (int k = 0; k < nBins; k++) power[k] = spectrum[k][0] * spectrum[k][0] + spectrum[k][1] * spectrum[k][1];
    for (int m = 0; m < fb.nMels; m++) {
      const double* wm = fb.weights + fb.offset[m];
      const double* pk = power.data() + fb.start[m];
      double s = 0.0;
      for (int k = 0, len = fb.length[m]; k < len; k++) s += wm[k] * pk[k];
      dst[static_cast<size_t>(m) * frames + t] = dbTerm(s, logScale);
    }
  }
  std::lock_guard<std::mutex> lock(planMutex);
  fftw_free(frame);
  fftw_free(spectrum);
}

// Prime-factor path: four frames per pass, one per vector lane; the mel sums run in the same order
// as melPowerFftw's, per lane.
void melPowerPfa(const Signal& sig, const Filterbank& fb, PfaPowerSpectrum& pfa, int frames, bool logScale,
                 double* dst) {
  V4Buffer power(pfa.nBins());
  std::vector<double> mel(static_cast<size_t>(fb.nMels) * 4);
  for (int t0 = 0; t0 < frames; t0 += 4) {
    const int lanes = frames - t0 < 4 ? frames - t0 : 4;
    for (int l = 0; l < 4; l++) {
      if (l < lanes) {
        pfa.loadWindowed(l, sig.y, sig.n, static_cast<int64_t>(t0 + l) * sig.hop - sig.nFft / 2, sig.window);
      } else {
        pfa.clear(l);
      }
    }
    pfa.compute(power.data());
    melProduct4(power.data(), fb.start, fb.length, fb.offset, fb.weights, fb.nMels, mel.data());
    for (int m = 0; m < fb.nMels; m++)
      for (int l = 0; l < lanes; l++) dst[static_cast<size_t>(m) * frames + t0 + l] = dbTerm(mel[m * 4 + l], logScale);
  }
}

}  // namespace

// melPower(samples: Float32Array, nFft, hop, frames, window: Float64Array, fbStart: Int32Array,
//          fbLength: Int32Array, fbOffset: Int32Array, fbWeights: Float64Array,
//          out: Float64Array, outOffset, logScale: boolean, dftTables?: Float64Array): void
// out[outOffset + m*frames + t] = S[m][t], or 10*log10(max(1e-10, S[m][t])) when logScale (the
// array term of power_to_db; libm's log10 is about twice as fast as V8's here). With dftTables (see
// PfaPowerSpectrum) the DFT is the prime-factor one, else FFTW's.
void MelPower(const Napi::CallbackInfo& info) {
  constexpr const char* fn = "melPower";
  Napi::Env env = info.Env();
  if (info.Length() != 12 && info.Length() != 13)
    throw Napi::TypeError::New(env, "melPower: expected 12 arguments (13 with dftTables)");
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

  const Signal signal{samples.Data(), static_cast<int64_t>(samples.ElementLength()), window.Data(), nFft, hop};
  const Filterbank fb{fbStart.Data(), fbLength.Data(), fbOffset.Data(), fbWeights.Data(), nMels};
  double* dst = out.Data() + outOffset;
  if (info.Length() == 13) {
    auto tables = typedArg<double>(info, 12, fn, "dftTables");
    PfaPowerSpectrum pfa(tables.Data(), tables.ElementLength(), nFft);
    if (!pfa.valid()) throw Napi::RangeError::New(env, "melPower: dftTables do not describe an n_fft-point prime-factor DFT");
    melPowerPfa(signal, fb, pfa, frames, logScale, dst);
  } else {
    melPowerFftw(signal, fb, frames, logScale, dst);
  }
}

}  // namespace vstds
