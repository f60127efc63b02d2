/**
 * Tables for the addon's prime-factor DFT (native/pfa-power-spectrum.h) of an even n whose half is
 * p·q with p, q odd and coprime (n_fft = 1102 = 2·19·29 at 44.1 kHz), or undefined when n has no
 * such form (the addon then uses FFTW). The cosines come from Math.cos/Math.sin — V8's own, the same
 * on every machine — so the DFT's bits do not depend on the C library.
 */
export function primeFactorTables(n: number): Float64Array | undefined {
  if (n % 2 !== 0) return undefined;
  const m = n / 2;
  let best: [number, number] | undefined;
  for (let p = 1; p * p <= m; p += 2) {
    if (m % p !== 0) continue;
    const q = m / p;
    // Cost ∝ p·q·(p + q): the most balanced coprime split; the addon takes factors up to 255.
    if (q % 2 === 1 && q <= 255 && gcd(p, q) === 1) best = [p, q];
  }
  if (!best) return undefined;
  const [p, q] = best;
  const out: number[] = [p, q];
  const circle = (size: number, count: number) => {
    const c: number[] = [];
    const s: number[] = [];
    for (let j = 0; j < count; j++) {
      c.push(Math.cos((2 * Math.PI * j) / size));
      s.push(Math.sin((2 * Math.PI * j) / size));
    }
    out.push(...c, ...s);
  };
  circle(p, p);
  circle(q, q);
  circle(n, m + 1);
  return Float64Array.from(out);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
