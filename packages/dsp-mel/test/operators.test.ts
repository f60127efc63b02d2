import { firstValueFrom, from, partition, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  addMelSpectrogram,
  type GateRejection,
  InvalidOptionError,
  loudnessGate,
  loudnessVerdict,
  melSpectrogram,
  TooShortForLoudnessError,
} from '../src/index';
import { loadCases } from './fixtures';

interface Row {
  id: number;
  channels: Float32Array[];
  sampleRate: number;
}

const cases = loadCases();
const sine = cases.find((c) => c.name === 'sine_44100')!;
const near = cases.find((c) => c.name === 'near_silence_noise_44100')!;

function rows(): Row[] {
  const nan = sine.channels.map((c) => c.slice());
  nan[0]![1000] = NaN;
  const clipped = sine.channels.map((c) => c.map((v) => v * 4));
  return [
    { id: 0, channels: sine.channels, sampleRate: 44100 },
    { id: 1, channels: near.channels, sampleRate: 44100 },
    { id: 2, channels: nan, sampleRate: 44100 },
    { id: 3, channels: clipped, sampleRate: 44100 },
    {
      id: 5,
      channels: sine.channels.map((c) => c.map((v) => v * 1e-3)),
      sampleRate: 44100,
    },
  ];
}

describe('loudnessGate', () => {
  it('emits accepted rows with loudness and sends rejected rows with their reason to onReject', async () => {
    const rejected$ = new Subject<GateRejection<Row>>();
    const rejected: GateRejection<Row>[] = [];
    rejected$.subscribe((r) => rejected.push(r));
    const accepted = await firstValueFrom(
      from(rows()).pipe(
        loudnessGate<Row>({
          minLoudness: -60,
          rejectClipping: true,
          onReject: (r) => rejected$.next(r),
        }),
        toArray(),
      ),
    );
    expect(accepted.map((r) => r.id)).toEqual([0]);
    expect(accepted[0]!.loudness).toBeCloseTo(sine.lufs, 6);
    expect(accepted[0]!.channels).toBe(sine.channels);
    expect(rejected.map((r) => [r.row.id, r.reason])).toEqual([
      [1, 'quiet'],
      [2, 'non-finite'],
      [3, 'clipping'],
      [5, 'quiet'],
    ]);
    expect(rejected[0]!.loudness).toBe(-Infinity);
    expect(rejected[3]!.loudness).toBeCloseTo(sine.lufs - 60, 3);
    expect(rejected[3]!.detail).toMatch(/LUFS < min_loudness -60/);
    expect(rejected[1]!.detail).toContain('channels[0][1000] is NaN');
  });

  it('defaults: clipping accepted, non-finite rejected; rejectNonFinite=false measures like pyloudnorm', async () => {
    const all = rows();
    const seen: string[] = [];
    const ids = await firstValueFrom(
      from([all[2]!, all[3]!]).pipe(
        loudnessGate<Row>({
          minLoudness: -70,
          onReject: (r) => seen.push(r.reason),
        }),
        toArray(),
      ),
    );
    expect(ids.map((r) => r.id)).toEqual([3]);
    expect(seen).toEqual(['non-finite']);
    // NaN in the last second: pyloudnorm drops the blocks it reaches, the earlier ones decide.
    const lateNan = sine.channels.map((c) => c.slice());
    lateNan[0]![150_000] = NaN;
    const lenient = await firstValueFrom(
      from([{ id: 9, channels: lateNan, sampleRate: 44100 }]).pipe(
        loudnessGate<Row>({ minLoudness: -70, rejectNonFinite: false }),
        toArray(),
      ),
    );
    expect(lenient).toHaveLength(1);
    expect(Number.isFinite(lenient[0]!.loudness)).toBe(true);
  });

  it('loudnessVerdict works with rxjs partition', async () => {
    const [ok$, bad$] = partition(
      from(rows()).pipe(loudnessVerdict<Row>({ minLoudness: -60 })),
      (v) => v.accepted,
    );
    const [ok, bad] = await Promise.all([
      firstValueFrom(ok$.pipe(toArray())),
      firstValueFrom(bad$.pipe(toArray())),
    ]);
    expect(ok.map((v) => (v.accepted ? v.row.id : -1))).toEqual([0, 3]);
    expect(bad.map((v) => (v.accepted ? '' : v.rejection.reason))).toEqual([
      'quiet',
      'non-finite',
      'quiet',
    ]);
  });

  it('errors the stream on rows shorter than one 400 ms block (a configuration error)', async () => {
    const short: Row = {
      id: 4,
      channels: [new Float32Array(1000), new Float32Array(1000)],
      sampleRate: 44100,
    };
    await expect(
      firstValueFrom(
        from([short]).pipe(loudnessGate<Row>({ minLoudness: -60 })),
      ),
    ).rejects.toThrow(TooShortForLoudnessError);
  });

  it('refuses bad options', () => {
    expect(() => loudnessGate({ minLoudness: NaN })).toThrow(
      InvalidOptionError,
    );
    expect(() => loudnessGate({ minLoudness: -60, clipLevel: 0 })).toThrow(
      /clipLevel/,
    );
  });
});

describe('addMelSpectrogram', () => {
  it("attaches the same mel as melSpectrogram, keeping the row's fields", async () => {
    const row: Row = { id: 7, channels: sine.channels, sampleRate: 44100 };
    const out = await firstValueFrom(
      from([row]).pipe(addMelSpectrogram<Row>({ dbReference: 'per-channel' })),
    );
    expect(out.id).toBe(7);
    expect(out.mel).toMatchObject({ channels: 2, mels: 128, frames: 401 });
    expect(out.mel.data).toEqual(
      melSpectrogram(sine.channels, 44100, { dbReference: 'per-channel' }).data,
    );
  });

  it('errors the stream on non-finite audio (gate such rows first)', async () => {
    const bad = sine.channels.map((c) => c.slice());
    bad[1]![5] = Infinity;
    await expect(
      firstValueFrom(
        from([{ id: 1, channels: bad, sampleRate: 44100 }]).pipe(
          addMelSpectrogram(),
        ),
      ),
    ).rejects.toThrow(/not finite|finite everywhere/);
  });
});
