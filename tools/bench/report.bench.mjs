// Benchmark: `vstds report` on the quickstart dataset (wall time, file size for 24 rows) and the
// served report on a 1,000,000-row dataset (time until the page shows its 24 rows, until the
// histograms are drawn, and for one row fetched by global id). Uses the built packages.
// Run: npx nx run report:bench   (env BENCH_DATASET to use another small dataset)
//
// The big dataset costs no disk: its manifest lists 10,000 chunks of 100 rows, each chunk file a
// hard link to one of the quickstart's two real chunk files (so every row served is a real rendered
// row, repeated; sha256s match). The served report never scans the dataset, which is what is measured.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveReport, writeReport } from '@vstds/report';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const small = resolve(process.env.BENCH_DATASET ?? join(root, 'datasets/quickstart'));
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

if (!existsSync(join(small, 'dataset_info.json'))) {
  console.log(`generating ${small} (configs/quickstart.yaml)…`);
  const g = spawnSync(process.execPath, [bin, 'generate', '--config', join(root, 'configs/quickstart.yaml'), '--output', small], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(g.status ?? 1);
}

// 1. file report, through the real CLI (process start, h5wasm load and full chunk check included)
const out = join(root, 'tmp/bench-report.html');
const runs = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [bin, 'report', small, '--out', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  runs.push((performance.now() - t) / 1000);
}
const rows = JSON.parse(readFileSync(join(small, 'dataset_info.json'), 'utf8')).completed_samples;
console.log(`file report, ${rows}-row dataset, 24 rows shown: ${runs.map((s) => s.toFixed(2)).join(' / ')} s wall (best ${Math.min(...runs).toFixed(2)} s); ${(statSync(out).size / 1e6).toFixed(2)} MB  [load ${load()}]`);

// the same in this process: CPU time (user + system) is what a quiet machine's wall time approaches
const c0 = process.cpuUsage();
const w0 = performance.now();
await writeReport(small, { out });
const cpu = process.cpuUsage(c0);
console.log(`file report in-process: ${((performance.now() - w0) / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU (h5wasm load included)  [load ${load()}]`);

// 2. served report on 1,000,000 rows
const big = join(root, 'tmp/bench-report-1m');
const info = JSON.parse(readFileSync(join(small, 'dataset_info.json'), 'utf8'));
const per = info.samples_per_file;
const nChunks = Math.ceil(1_000_000 / per);
rmSync(big, { recursive: true, force: true });
mkdirSync(big, { recursive: true });
const chunks = [];
for (let i = 0; i < nChunks; i++) {
  const src = info.chunks[i % info.chunks.length];
  const file = `dataset_${String(i).padStart(5, '0')}.h5`;
  linkSync(join(small, src.file), join(big, file));
  chunks.push({ ...src, file, index: i, first_global_id: i * per });
}
writeFileSync(join(big, 'dataset_info.json'), JSON.stringify({ ...info, total_samples: nChunks * per, completed_samples: nChunks * per, num_chunks: nChunks, chunks }));

const t0 = performance.now();
const server = await serveReport(big, { port: 0 });
const tServe = (performance.now() - t0) / 1000;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage();
const t1 = performance.now();
await page.goto(server.url);
await page.waitForFunction(() => document.body.dataset.rows === 'yes', undefined, { timeout: 600_000 });
await page.$$eval('img.mel', (imgs) => Promise.all(imgs.map((i) => i.decode())));
const tRows = (performance.now() - t1) / 1000;
await page.waitForFunction(() => document.body.dataset.statistics === 'yes', undefined, { timeout: 600_000 });
const tStats = (performance.now() - t1) / 1000;
const t2 = performance.now();
const last = await (await fetch(`${server.url}api/rows/999999`)).json();
const tRow = (performance.now() - t2) * 1;
console.log(`served report, ${(nChunks * per).toLocaleString('en')} rows in ${nChunks} chunks: server up in ${tServe.toFixed(2)} s; page with 24 rows (images decoded) ${tRows.toFixed(2)} s; histograms (10,000-row sample, loudness of 1,000) ${tStats.toFixed(1)} s; row ${last.id} by id ${tRow.toFixed(0)} ms  [load ${load()}]`);
await browser.close();
await server.close();
rmSync(big, { recursive: true, force: true });
