import { numericFlag, parseCommandArgs } from '../cli-args';
import { assertConfigTargets, generate, loadConfig, lockOutputDir } from '@vstds/pipeline';
import { UsageError } from '../errors';
import { finalLine } from '../final-line';
import { resolveUserPath, userCwd } from '../find-config';
import type { CliIO } from '../main';

export const generateHelp = `Usage: vstds generate --config FILE [options]

Generates a dataset from a YAML config (see configs/*.yaml). Rerunning into the same output_dir
resumes; a directory holding another config is refused unless --overwrite is given.

Options:
  --config FILE        the YAML config (relative paths inside it resolve against its directory)
  --num-samples N      override num_samples
  --workers N          override num_workers (worker processes, one plugin instance each)
  --output DIR         override output_dir (resolved against the current directory)
  --seed N             override seed
  --overwrite          delete an existing dataset in output_dir and start over
  --dry-run            print the resolved config as JSON and exit
  --quiet              no progress output
`;

/** The flags every form of `vstds generate` takes (scale-out adds its own). */
export const generateOptions = {
  config: { type: 'string', short: 'c' },
  'num-samples': { type: 'string' },
  workers: { type: 'string', short: 'j' },
  output: { type: 'string', short: 'o' },
  seed: { type: 'string' },
  overwrite: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export async function generateCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('generate', args, {
    ...generateOptions,
    'dry-run': { type: 'boolean' },
  });
  if (values.help) {
    const { generateScaleOutHelp } = await import('../scale-out/generate-scale-out-command');
    io.stdout(`${generateHelp}\n${generateScaleOutHelp}`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`vstds generate: unexpected argument "${positionals[0]}" (did you mean --config ${positionals[0]}?)`);
  if (typeof values.config !== 'string') throw new UsageError('vstds generate: --config FILE is required (see vstds generate --help)');
  const cwd = userCwd(io.env, io.cwd);
  const file = resolveUserPath(values.config, io.env, io.cwd);
  const config = loadConfig(
    file,
    {
      num_samples: numericFlag(values['num-samples']),
      num_workers: numericFlag(values.workers),
      seed: numericFlag(values.seed),
      output_dir: values.output,
    },
    cwd,
  );
  assertConfigTargets(config, file);
  if (values['dry-run']) {
    io.stdout(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  }
  const lock = lockOutputDir(config.output_dir, (line) => io.stderr(`vstds generate: ${line}\n`));
  // Finished chunks are already durable and listed; the open chunk is a .partial that the next
  // run deletes and regenerates. So an interrupt only has to say how to continue.
  const onSignal = (signal: NodeJS.Signals) => {
    io.stderr(`\nvstds generate: ${signal}: stopped; rerun the same command to resume (finished chunks are kept)\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let summary;
  try {
    summary = await generate(config, {
      overwrite: Boolean(values.overwrite),
      log: (line) => io.stderr(`${line}\n`),
      progress: values.quiet ? undefined : { write: io.stderr, tty: io.isTTY },
    });
  } finally {
    lock.release();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (config.split) {
    const { prepareForTraining } = await import('@vstds/splits');
    const lockAgain = lockOutputDir(config.output_dir, (line) => io.stderr(`vstds generate: ${line}\n`));
    try {
      const { split } = prepareForTraining(config.output_dir, { ...config.split, overwrite: true });
      io.stderr(`vstds generate: split ${Object.entries(split.counts).map(([k, n]) => `${k} ${n}`).join(', ')} (train.h5, val.h5, test.h5${config.split.stats === false ? '' : ', stats.npz'})\n`);
    } finally {
      lockAgain.release();
    }
  }
  io.stderr(`${finalLine(summary, config.output_dir)}\n`);
  return 0;
}
