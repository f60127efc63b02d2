#!/usr/bin/env node
// `npx nx run workers:bench`: the cost of bringing one 4 s stereo row's stored arrays (1.06 MB:
// float16 audio + dB mel) back from a worker process, answers as frames on a pipe (default) vs
// node's 'advanced' IPC. Prints CPU ms per row in the main process and in the worker (CPU time,
// less load-sensitive than wall time on a shared machine) and rows/s with 1 job or 2 jobs per
// worker in flight. Usage: node tools/bench/workers-answers.bench.mjs [rows]
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkerPool } from '@vstds/workers';

const here = dirname(fileURLToPath(import.meta.url));
const rows = Math.max(50, Number(process.argv[2] ?? 400));
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(answers, jobsPerWorker) {
  const pool = new WorkerPool({ workerModule: join(here, 'workers-answer-worker.mjs'), init: {}, numWorkers: 1, jobTimeoutMs: 60_000, answers, jobsPerWorker });
  await pool.start();
  for (let i = 0; i < 20; i++) await pool.run({ n: i }); // warm-up
  const w0 = (await pool.run({ cpu: true })).cpuMs;
  const m0 = cpuMs();
  const t0 = performance.now();
  let sum = 0;
  await Promise.all(
    Array.from({ length: rows }, (_, n) =>
      pool.run({ n }).then((r) => {
        sum += r.audio[n % r.audio.length] + r.mel.length;
      }),
    ),
  );
  const wall = performance.now() - t0;
  const main = (cpuMs() - m0) / rows;
  const worker = ((await pool.run({ cpu: true })).cpuMs - w0) / rows;
  await pool.close();
  if (!(sum > 0)) throw new Error('answers lost their arrays');
  return { main, worker, rate: (rows * 1000) / wall };
}

const fmt = (x, d = 2) => x.toFixed(d);
console.log(`worker answer transport: ${rows} rows of 1.06 MB, load average ${loadavg().map((x) => fmt(x)).join(' ')} at start`);
console.log('answers  jobs/worker  CPU ms/row main  CPU ms/row worker  rows/s');
for (let round = 0; round < 2; round++) {
  for (const [answers, depth] of [['ipc', 1], ['pipe', 1], ['pipe', 2]]) {
    const r = await measure(answers, depth);
    console.log(`${answers.padEnd(7)}  ${String(depth).padStart(11)}  ${fmt(r.main).padStart(15)}  ${fmt(r.worker).padStart(17)}  ${fmt(r.rate, 0).padStart(6)}`);
  }
}
console.log(`load average ${loadavg().map((x) => fmt(x)).join(' ')} at end`);
