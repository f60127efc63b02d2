import { VstdsError } from '@vstds/pipeline';

/** A `--queue` URL that cannot be used: names the flag, what was expected and what was found (redacted). */
export class RedisUrlError extends VstdsError {
  constructor(source: string, expected: string, found: string) {
    super(`${source}: expected ${expected}, got ${found}`, 2);
  }
}

/** `--shard i --of N` out of range or incomplete. */
export class ShardSpecError extends VstdsError {
  constructor(message: string) {
    super(message, 2);
  }
}

/**
 * The output directory holds a dataset begun in an older chunk format: chunks made by a scaled-out
 * run are in today's format, and one dataset never mixes formats. A local `vstds generate` resumes
 * it in its own format.
 */
export class FormatVersionResumeError extends VstdsError {
  readonly code = 'FORMAT_VERSION_RESUME';
  constructor(manifestPath: string, found: number, current: number) {
    super(
      `${manifestPath}: format_version: expected ${current} to add chunks with --queue or --shard, got ${found} ` +
        `(begun by an earlier vstds; resume it with a local \`vstds generate\`, which keeps format ${found}, or choose another output_dir)`,
      2,
    );
  }
}

/** `vstds finalize` found chunks missing or broken: lists them; the manifest lists only the sound ones. */
export class FinalizeError extends VstdsError {
  constructor(
    readonly dir: string,
    readonly missing: readonly number[],
    readonly broken: readonly { index: number; file: string; problems: readonly string[] }[],
  ) {
    const parts: string[] = [];
    if (missing.length) parts.push(`${missing.length} chunks missing (${abbreviate(missing)})`);
    for (const b of broken.slice(0, 5)) parts.push(`${b.file}: ${b.problems.slice(0, 2).join('; ')}`);
    if (broken.length > 5) parts.push(`… and ${broken.length - 5} more broken chunks`);
    super(`${dir}: dataset not complete: ${parts.join('; ')}`, 1);
  }
}

/** A chunk job failed on every attempt (or the dataset plan in the directory is another dataset's). */
export class ChunkJobError extends VstdsError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** The chunk runner module a worker was told to use does not export a ChunkRunner. */
export class ChunkRunnerLoadError extends VstdsError {
  constructor(module: string, found: string) {
    super(`${module}: expected a module exporting runChunk (a ChunkRunner), got ${found}`, 2);
  }
}

function abbreviate(xs: readonly number[]): string {
  return xs.length <= 10 ? xs.join(', ') : `${xs.slice(0, 10).join(', ')}, …`;
}
