// |X[k]|², k = 0 .. n/2, of the exact n-point DFT of four real frames at once, for even n whose half
// is a product of two coprime odd factors (1102 = 2·19·29, n_fft at 44.1 kHz): the two-for-one real
// trick on an n/2-point complex DFT, done by the prime-factor (Good–Thomas) algorithm — no twiddles
// between the stages — with direct odd-length DFTs. Each frame sits in one lane of a 4-wide vector
// and every lane runs the same plain IEEE float64 operations (no FMA), so AVX2, SSE2 and scalar
// builds give the same bits; the cosine tables come from JavaScript's Math.cos/Math.sin so they do
// not depend on the C library either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vstds {

// aligned(8): loads and stores need no 32-byte alignment, whichever build (AVX2 or baseline) runs.
typedef double v4 __attribute__((vector_size(32), aligned(8)));

/** `count` zeroed v4s (kept as doubles: std::vector would drop v4's alignment attribute). */
class V4Buffer {
 public:
  explicit V4Buffer(size_t count = 0) : d_(4 * count, 0.0) {}
  v4* data() { return reinterpret_cast<v4*>(d_.data()); }
  v4& operator[](size_t i) { return data()[i]; }

 private:
  std::vector<double> d_;
};

class PfaPowerSpectrum {
 public:
  /**
   * tables: [p, q, cos(2πj/p) j<p, sin(2πj/p) j<p, cos(2πj/q) j<q, sin(2πj/q) j<q,
   *          cos(2πk/n) k≤n/2, sin(2πk/n) k≤n/2] with n = 2·p·q. Check `valid` before use.
   */
  PfaPowerSpectrum(const double* tables, size_t length, int nFft);
  bool valid() const { return valid_; }
  int nBins() const { return m_ + 1; }

  /**
   * Puts frame y[first .. first+nFft) · window into lane `lane` (0..3), zeros outside [0, n), as
   * z[k] = frame[2k] + i·frame[2k+1] in the Good–Thomas input order.
   */
  void loadWindowed(int lane, const float* y, int64_t n, int64_t first, const double* window);
  /** Clears a lane (frames past the end of the signal). */
  void clear(int lane);
  /** power[k][lane] = |X_lane[k]|² for k = 0 .. nFft/2. */
  void compute(v4* power);

 private:
  bool valid_ = false;
  int p_ = 0, q_ = 0, m_ = 0;
  std::vector<double> cosP_, sinP_, cosQ_, sinQ_, cosN_, sinN_;
  std::vector<int32_t> inIndex_;   // z[n] goes to slot inIndex_[n] (Good–Thomas input map)
  std::vector<int32_t> outIndex_;  // Z[k] is read from slot outIndex_[k] (CRT output map)
  V4Buffer re_, im_;
};

/** out[m·4 + lane] = Σ_k weights[offset[m] + k] · power[start[m] + k][lane], summed in k order. */
void melProduct4(const v4* power, const int32_t* start, const int32_t* length, const int32_t* offset,
                 const double* weights, int nMels, double* out);

}  // namespace vstds
