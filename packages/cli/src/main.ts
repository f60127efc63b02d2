import { VstdsCliError, UsageError } from './errors';

/** Where the commands write; injectable so tests run commands in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export const defaultIO = (): CliIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  cwd: process.cwd(),
});

export const usage = `vstds: turn software synthesizers into ML datasets

Usage:
  vstds generate --config FILE [--num-samples N] [--workers N] [--output DIR] [--seed N] [--overwrite]
  vstds info DIR                      summary of a dataset directory
  vstds verify DIR                    validate every chunk (exit 1 on problems)
  vstds split DIR [--val 0.1] [--test 0.1] [--seed N]   train/val/test.h5 (virtual datasets) + stats.npz
  vstds stats DIR                     stats.npz: mel_spec mean/std over the train split
  vstds plugin PATH                   plugin info and its parameter table with spec keys
  vstds spec init PATH > spec.yaml    draft a param spec from a plugin's parameters
  vstds render PATH --params k=v ... --note 60 --out x.wav   render one patch to listen to it
  vstds report DIR [--out FILE] [--rows N] [--seed S] [--serve [--port P]]   HTML report: spectrograms, audio, histograms

Scaling out (docs/scaling-out.md):
  vstds generate --config FILE --queue redis://HOST:6379/0   coordinator: one job per chunk
  vstds worker --queue redis://HOST:6379/0 [--concurrency K] run chunk jobs on this machine
  vstds generate --config FILE --shard I --of N              static shard (Kubernetes, Slurm)
  vstds finalize DIR                  verify all chunk files and write the manifest

PATH is a .vst3 bundle, an .lv2 bundle directory or an LV2 plugin URI.
Run "vstds COMMAND --help" for a command's options.
`;

type Command = (args: string[], io: CliIO) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  generate: async () => {
    const [{ generateCommand }, scaleOut] = await Promise.all([
      import('./commands/generate-command'),
      import('./scale-out/generate-scale-out-command'),
    ]);
    return (args, io) => (scaleOut.isScaleOutGenerate(args) ? scaleOut.generateScaleOutCommand(args, io) : generateCommand(args, io));
  },
  worker: async () => (await import('./scale-out/worker-command')).runWorkerCommand,
  finalize: async () => (await import('./scale-out/finalize-command')).runFinalizeCommand,
  info: async () => (await import('./commands/info-command')).infoCommand,
  verify: async () => (await import('./commands/verify-command')).verifyCommand,
  split: async () => (await import('./commands/split-command')).splitCommand,
  stats: async () => (await import('./commands/stats-command')).statsCommand,
  plugin: async () => (await import('./commands/plugin-command')).pluginCommand,
  spec: async () => (await import('./commands/spec-command')).specCommand,
  render: async () => (await import('./commands/render-command')).renderCommand,
  report: async () => (await import('./commands/report-command')).reportCommand,
};

/** Library error codes that mean "the config asks for something this plugin or machine cannot do". */
const configLevelCodes = new Set(['E_NOT_REPRODUCIBLE', 'E_CLOCK_SHIM_MISSING', 'E_PLUGIN_ROLE', 'E_MISSING_FEATURE']);
// A preset (folder) that is not what the config says: not a preset of this plugin, none that loads, changed since;
// a plugin path that holds no plugin (e.g. a .clap file whose factory is empty).
for (const code of ['E_PRESET_FORMAT', 'E_PRESET_MISMATCH', 'NO_LOADABLE_PRESETS', 'PRESET_CHANGED', 'E_NO_MODULE']) configLevelCodes.add(code);

/** Runs the CLI; returns the exit code. User errors print one message, never a stack. */
export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${(await import('@vstds/hdf5-chunks')).VSTDS_VERSION}\n`);
    return 0;
  }
  try {
    const load = commands[name];
    if (!load) {
      const { closestKeys } = await import('@vstds/param-spec');
      throw new UsageError(`vstds: unknown command "${name}" (did you mean ${closestKeys(name, Object.keys(commands))[0]}?)`);
    }
    return await (await load())(rest, io);
  } catch (e) {
    if (e instanceof VstdsCliError) {
      io.stderr(`${e.message}\n`);
      return e.exitCode;
    }
    // Errors of the libraries are named and carry actionable messages: print them plainly too.
    const err = e as Error;
    if (err && typeof err.message === 'string' && err.name && err.name !== 'Error' && err.name !== 'TypeError' && err.name !== 'RangeError') {
      io.stderr(`${err.name}: ${err.message}\n`);
      // What the config asks of the plugin that it cannot give is a config problem, found at start
      // (in this process, or in a worker whose start it failed).
      const codes = [(err as Error & { code?: string }).code, (err.cause as { code?: string } | undefined)?.code];
      return codes.some((c) => c !== undefined && configLevelCodes.has(c)) ? 2 : 1;
    }
    io.stderr(`vstds ${name}: internal error: ${err?.stack ?? String(e)}\n`);
    return 70;
  }
}
