import { loadSpec } from '@vstds/param-spec';
import { inWorkers, redraw, rowDraw, startRenderPool } from '@vstds/workers';
import { from, lastValueFrom, tap } from 'rxjs';

const spec = loadSpec('mda_jx10');
const pool = await startRenderPool({
  settings: { pluginPath: 'http://drobilla.net/plugins/mda/JX10', presetPath: null, sampleRate: 44100, blockSize: 512, channels: 2, seconds: 1, minLoudness: -55 },
  spec,
  workers: 2,
  timeoutMs: 30_000,
});
pool.events.subscribe((e) => e.type === 'rejected' && console.log(`row ${e.id} attempt ${e.attempt}: ${e.reason}, re-drawn`));
try {
  await lastValueFrom(
    from([0, 1, 2, 3]).pipe(
      redraw(inWorkers(pool), { draw: rowDraw(spec, { seed: 1, signalDurationSeconds: 1, noteDurationSeconds: 0.5 }), maxAttempts: 20 }),
      tap(({ job, row }) => console.log(`row ${job.id}: attempt ${job.attempt}, ${row.audio.length / 2} samples, loudness ${row.loudness?.toFixed(1)} LUFS`)),
    ),
  );
} finally {
  await pool.close();
}
