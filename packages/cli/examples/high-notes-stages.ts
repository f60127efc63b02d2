// A stage module for the custom pipeline: an added filter stage (high notes only; a dropped row
// is re-drawn with attempt + 1) and a swapped mel stage (per-channel dB reference). It runs in
// each worker process, composed from the same operators as vstds' default stages.
import { melSpectrogram } from '@vstds/dsp-mel';
import { gateRows, renderRows, type RowJob, type StageContext, type StageRow, toStageOutput, whenAccepted } from '@vstds/workers';
import { filter, map, pipe } from 'rxjs';

export function stages(context: StageContext) {
  return pipe(
    filter((job: RowJob) => job.noteParams.pitch >= 60), // added stage
    renderRows(context),
    gateRows({ minLoudness: context.settings.minLoudness }),
    whenAccepted(map((row: StageRow & { loudness: number }) => ({ ...row, mel: melSpectrogram(row.channels, row.sampleRate, { dbReference: 'per-channel' }) }))), // swapped stage
    toStageOutput(),
  );
}
