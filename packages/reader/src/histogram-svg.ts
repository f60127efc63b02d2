/** A histogram of values as an SVG bar chart (one `<rect class="bar">` per bin), for notebooks. */
export function histogramSvg(values: number[], options: { bins?: number; title?: string; width?: number; height?: number } = {}): string {
  const bins = options.bins ?? 20;
  const w = options.width ?? 480;
  const h = options.height ?? 200;
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  const span = hi - lo || 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) counts[Math.min(bins - 1, Math.floor(((v - lo) / span) * bins))]!++;
  const top = Math.max(1, ...counts);
  const bw = w / bins;
  const esc = (s: string) => s.replace(/[<&>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const bars = counts
    .map((n, i) => `<rect class="bar" x="${(i * bw).toFixed(1)}" y="${(h - 20 - (n / top) * (h - 40)).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${((n / top) * (h - 40)).toFixed(1)}" fill="#4c72b0"><title>${n}</title></rect>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
    `<text x="4" y="14" font-size="12">${esc(options.title ?? '')} (n=${finite.length})</text>${bars}` +
    `<text x="0" y="${h - 4}" font-size="10">${lo.toPrecision(3)}</text>` +
    `<text x="${w - 40}" y="${h - 4}" font-size="10">${hi.toPrecision(3)}</text></svg>`
  );
}
