import { addMelSpectrogram, loudnessVerdict, type MelSpectrogramOptions, peakLevel, toFloat16BitsPlanar, type WithMel } from '@vstds/dsp-mel';
import { renderWith } from '@vstds/vst-host';
import { map, type OperatorFunction, pipe } from 'rxjs';
import { adaptChannels } from './adapt-channels';
import { peakRows } from './peak-rows';
import type { RowJob, StageOutput } from './row-job';
import type { RowRejected, StageContext, StageRow } from './stage-row';
import { timed } from './timed';
import { whenAccepted } from './when-accepted';

/** Renders each job on the worker's plugin (renderWith) and brings it to the stored channel count. */
export function renderRows({ renderer, settings }: StageContext): OperatorFunction<RowJob, StageRow> {
  return pipe(
    map((job: RowJob) => ({ job, t: performance.now() })),
    // A preset row renders its preset as loaded: its params are what was read back, not overrides.
    renderWith(renderer, { toRequest: ({ job }) => ({ params: job.preset ? {} : job.params, notes: job.notes, seconds: settings.seconds }) }),
    map(({ item: { job, t }, audio }) => {
      const channels = adaptChannels(audio.channels, settings.channels);
      const ms = { render: performance.now() - t, plugin: audio.processSeconds * 1000 };
      return { ...job, channels, sampleRate: settings.sampleRate, ms };
    }),
  );
}

/** The loudness gate (dsp-mel's loudnessVerdict): quiet or non-finite rows become rejections. */
export function gateRows<T extends StageRow>(opts: { minLoudness: number }): OperatorFunction<T | RowRejected, (T & { loudness: number }) | RowRejected> {
  return whenAccepted(
    timed(
      'gate',
      pipe(
        loudnessVerdict<T>(opts),
        map((v) =>
          v.accepted
            ? v.row
            : ({ kind: 'rejected', reason: v.rejection.reason, detail: v.rejection.detail, ms: v.rejection.row.ms } as RowRejected),
        ),
      ),
    ),
  );
}

/** dsp-mel's addMelSpectrogram on rows not rejected. */
export function melRows<T extends StageRow>(opts: MelSpectrogramOptions = {}): OperatorFunction<T | RowRejected, WithMel<T> | RowRejected> {
  return whenAccepted(timed('mel', addMelSpectrogram<T>(opts)));
}

/** The stored form: float16 audio (channels × samples), the mel data; rejections pass as they are. */
export function toStageOutput<T extends WithMel<StageRow> & { loudness?: number; peak?: number }>(): OperatorFunction<T | RowRejected, StageOutput> {
  return pipe(
    whenAccepted(
      timed(
        'float16',
        map((row: T) => {
          // Straight into the planar array: no per-channel array and copy (the same bits).
          const audio = toFloat16BitsPlanar(row.channels);
          // Every stored row has its peak, also where a custom stage list left out peakRows.
          const peak = row.peak ?? peakLevel(row.channels);
          return { kind: 'accepted' as const, audio, mel: row.mel.data, loudness: row.loudness, peak, ms: row.ms };
        }),
      ),
    ),
    map((out) => out as StageOutput),
  );
}

/** vstds' default worker stages: render → loudness gate → peak level → mel → float16. */
export function defaultStages(context: StageContext): OperatorFunction<RowJob, StageOutput> {
  const { minLoudness, maxPeak, clipPolicy } = context.settings;
  return pipe(renderRows(context), gateRows({ minLoudness }), peakRows({ maxPeak, clipPolicy }), melRows(), toStageOutput());
}
