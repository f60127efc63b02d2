import { type DatasetDir, readManifest, writeManifest } from '@vstds/hdf5-chunks';
import { measureRenderNoise, type Patch, type RenderPool, type RowJob } from '@vstds/workers';

/**
 * Measures the plugin's render noise once per dataset, on the first two accepted patches of the
 * run (a faulting patch would measure nothing); a resumed run keeps the value its first run
 * measured. The value only goes to the manifest.
 */
export class RenderNoiseProbe {
  private first?: Patch;
  private pending?: Promise<number | null>;

  constructor(
    private readonly pool: RenderPool,
    private readonly previous: number | null,
    private readonly rowsToDo: number,
    private readonly log: (line: string) => void,
  ) {}

  offer(job: RowJob): void {
    if (this.pending || this.previous !== null) return;
    const patch = { params: job.params, notes: job.notes };
    if (!this.first && this.rowsToDo > 1) {
      this.first = patch;
      return;
    }
    this.pending = measureRenderNoise(this.pool, this.first ?? patch, this.first ? patch : undefined).catch((e: unknown) => {
      this.log(`render noise not measured: ${(e as Error).message}`);
      return null;
    });
  }

  /** Records the measured noise in the manifest (it arrives after the manifest was first written). */
  async record(dataset: DatasetDir): Promise<void> {
    dataset.info.extra = { render_noise: await this.value() };
    writeManifest(dataset.dir, dataset.info);
  }

  async value(): Promise<number | null> {
    return this.previous ?? (await this.pending) ?? null;
  }
}

/** The render noise a dataset's first run recorded in its manifest, if any. */
export function recordedNoise(dir: string): number | null {
  const extra = readManifest(dir)?.extra as { render_noise?: number | null } | undefined;
  return typeof extra?.render_noise === 'number' ? extra.render_noise : null;
}
