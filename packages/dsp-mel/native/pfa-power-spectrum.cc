#include "pfa-power-spectrum.h"

// The vector loops are compiled for AVX2, AVX and the baseline, chosen when the addon loads; all give
// the same bits (the same IEEE operations per lane). The baseline is slow: it splits every vector.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define VSTDS_SIMD_CLONES __attribute__((target_clones("avx2", "avx", "default")))
#else
#define VSTDS_SIMD_CLONES
#endif

namespace vstds {
namespace {

int gcd(int a, int b) { return b == 0 ? a : gcd(b, a % b); }

// In-place forward DFT of `size` (odd) complex vectors re/im[j·stride], by the symmetric direct
// formula: X_k = C_k − i·S_k, X_{size−k} = C_k + i·S_k with C_k = x_0 + Σ_j (x_j + x_{size−j})·cos,
// S_k = Σ_j (x_j − x_{size−j})·sin — half the multiplications of the plain sum.
inline __attribute__((always_inline)) void dft(int size, const double* cosT, const double* sinT, v4* re, v4* im, int stride) {
  if (size == 1) return;
  const int h = (size - 1) / 2;
  v4 ar[128], ai[128], br[128], bi[128];
  const v4 x0r = re[0], x0i = im[0];
  v4 sumR = x0r, sumI = x0i;
  for (int j = 1; j <= h; j++) {
    const v4 ur = re[j * stride], ui = im[j * stride];
    const v4 vr = re[(size - j) * stride], vi = im[(size - j) * stride];
    ar[j] = ur + vr;
    ai[j] = ui + vi;
    br[j] = ur - vr;
    bi[j] = ui - vi;
    sumR += ar[j];
    sumI += ai[j];
  }
  re[0] = sumR;
  im[0] = sumI;
  for (int k = 1; k <= h; k++) {
    v4 cr = x0r, ci = x0i, sr = {0, 0, 0, 0}, si = {0, 0, 0, 0};
    int jk = 0;
    for (int j = 1; j <= h; j++) {
      jk += k;
      if (jk >= size) jk -= size;
      const double c = cosT[jk], s = sinT[jk];
      cr += ar[j] * c;
      ci += ai[j] * c;
      sr += br[j] * s;
      si += bi[j] * s;
    }
    re[k * stride] = cr + si;
    im[k * stride] = ci - sr;
    re[(size - k) * stride] = cr - si;
    im[(size - k) * stride] = ci + sr;
  }
}

VSTDS_SIMD_CLONES void computeAll(int p, int q, int m, const double* cosP, const double* sinP, const double* cosQ,
                const double* sinQ, const double* cosN, const double* sinN, const int32_t* outIndex, v4* re,
                v4* im, v4* power) {
  for (int n2 = 0; n2 < q; n2++) dft(p, cosP, sinP, re + n2, im + n2, q);
  for (int k1 = 0; k1 < p; k1++) dft(q, cosQ, sinQ, re + k1 * q, im + k1 * q, 1);
  // Two-for-one split: with A = Z[k], B = conj Z[m−k] (Z[m] = Z[0]), E = A + B, O = A − B,
  // 2·X[k] = E − i·e^{−2πik/n}·O; |X|² = ¼·|2X|².
  for (int k = 0; k <= m; k++) {
    const int a = outIndex[k == m ? 0 : k];
    const int b = outIndex[k == 0 || k == m ? 0 : m - k];
    const v4 er = re[a] + re[b], ei = im[a] - im[b];
    const v4 orr = re[a] - re[b], oi = im[a] + im[b];
    const double c = cosN[k], s = sinN[k];
    const v4 xr = er + oi * c - orr * s;
    const v4 xi = ei - orr * c - oi * s;
    power[k] = (xr * xr + xi * xi) * 0.25;
  }
}

}  // namespace

PfaPowerSpectrum::PfaPowerSpectrum(const double* t, size_t length, int nFft) {
  if (length < 2) return;
  const double pd = t[0], qd = t[1];
  if (!(pd >= 1 && pd <= 255 && qd >= 1 && qd <= 255)) return;
  p_ = static_cast<int>(pd);
  q_ = static_cast<int>(qd);
  m_ = p_ * q_;
  if (p_ != pd || q_ != qd || p_ % 2 == 0 || q_ % 2 == 0 || gcd(p_, q_) != 1 || 2 * m_ != nFft) return;
  if (length != 2 + 2 * static_cast<size_t>(p_) + 2 * q_ + 2 * (m_ + 1)) return;
  const double* c = t + 2;
  cosP_.assign(c, c + p_), c += p_;
  sinP_.assign(c, c + p_), c += p_;
  cosQ_.assign(c, c + q_), c += q_;
  sinQ_.assign(c, c + q_), c += q_;
  cosN_.assign(c, c + m_ + 1), c += m_ + 1;
  sinN_.assign(c, c + m_ + 1);
  // Slot s = n1·q + n2 holds z[(q·n1 + p·n2) mod m]; after the p-point DFTs down each column and the
  // q-point DFTs along each row, slot k1·q + k2 holds Z[k] with k ≡ k1 (mod p), k ≡ k2 (mod q).
  inIndex_.resize(m_);
  outIndex_.resize(m_);
  for (int n1 = 0; n1 < p_; n1++)
    for (int n2 = 0; n2 < q_; n2++) inIndex_[(q_ * n1 + p_ * n2) % m_] = n1 * q_ + n2;
  for (int k = 0; k < m_; k++) outIndex_[k] = (k % p_) * q_ + (k % q_);
  re_ = V4Buffer(m_);
  im_ = V4Buffer(m_);
  valid_ = true;
}

void PfaPowerSpectrum::loadWindowed(int lane, const float* y, int64_t n, int64_t first, const double* w) {
  if (first >= 0 && first + 2 * m_ <= n) {
    const float* src = y + first;
    for (int k = 0; k < m_; k++) {
      const int s = inIndex_[k];
      re_[s][lane] = w[2 * k] * static_cast<double>(src[2 * k]);
      im_[s][lane] = w[2 * k + 1] * static_cast<double>(src[2 * k + 1]);
    }
    return;
  }
  for (int k = 0; k < m_; k++) {
    const int s = inIndex_[k];
    const int64_t j = first + 2 * k;
    re_[s][lane] = (j >= 0 && j < n) ? w[2 * k] * static_cast<double>(y[j]) : 0.0;
    im_[s][lane] = (j + 1 >= 0 && j + 1 < n) ? w[2 * k + 1] * static_cast<double>(y[j + 1]) : 0.0;
  }
}

void PfaPowerSpectrum::clear(int lane) {
  for (int s = 0; s < m_; s++) re_[s][lane] = im_[s][lane] = 0.0;
}

void PfaPowerSpectrum::compute(v4* power) {
  computeAll(p_, q_, m_, cosP_.data(), sinP_.data(), cosQ_.data(), sinQ_.data(), cosN_.data(), sinN_.data(),
             outIndex_.data(), re_.data(), im_.data(), power);
}

VSTDS_SIMD_CLONES void melProduct4(const v4* power, const int32_t* start, const int32_t* length,
                                   const int32_t* offset, const double* weights, int nMels, double* out) {
  for (int m = 0; m < nMels; m++) {
    const double* wm = weights + offset[m];
    const v4* pk = power + start[m];
    v4 s = {0, 0, 0, 0};
    for (int k = 0, len = length[m]; k < len; k++) s += wm[k] * pk[k];
    for (int l = 0; l < 4; l++) out[m * 4 + l] = s[l];
  }
}

}  // namespace vstds
