// The worker of workers-answers.bench.mjs: answers each job with a 4 s stereo row's stored arrays
// (float16 audio, dB mel) without computing anything, so the bench sees only the transport.
import { serveWorker } from '@vstds/workers';

const SAMPLES = 4 * 44100;
const audio = new Uint16Array(2 * SAMPLES).map((_, i) => i & 0x3bff);
const mel = new Float32Array(2 * 128 * 345).map((_, i) => -80 + (i % 97));
serveWorker({
  async init() {
    return {};
  },
  async handle(job) {
    if (job.cpu) return { cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 };
    // New arrays per row, as the real stages make them.
    return { kind: 'accepted', audio: audio.slice(), mel: mel.slice(), loudness: -20, ms: { render: 1, plugin: 1 } };
  },
});
