import { interpolateMagma } from 'd3-scale-chromatic';

const STEPS = 256;

// d3's magma is perceptually uniform and the map librosa/matplotlib users read spectrograms in;
// a 256-entry table keeps per-pixel lookups cheap when PNGs are encoded.
const TABLE: [number, number, number][] = Array.from({ length: STEPS }, (_, i) => {
  const hex = interpolateMagma(i / (STEPS - 1));
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
});

/** 0..1 → magma RGB (clamped). */
export function magma(v: number): [number, number, number] {
  const i = Math.round(Math.min(1, Math.max(0, v)) * (STEPS - 1));
  return TABLE[i]!;
}

/** The same map as a CSS gradient, for the colour scale beside the spectrograms. */
export function magmaGradientCss(): string {
  const stops = Array.from({ length: 11 }, (_, i) => {
    const [r, g, b] = magma(i / 10);
    return `rgb(${r},${g},${b}) ${i * 10}%`;
  });
  return `linear-gradient(to top, ${stops.join(', ')})`;
}
