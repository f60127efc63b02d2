import { ReportError, serveReport, writeReport } from '@vstds/report';
import { numericFlag, parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';

export const reportHelp = `Usage: vstds report DIR [--out FILE] [--rows N] [--seed S]
       vstds report DIR --serve [--port P] [--host H] [--rows N] [--seed S]

Writes one self-contained HTML file (default DIR/report.html; opens from file://, no network):
summary and run figures, a histogram of every parameter against the spec's distribution,
loudness/pitch/velocity histograms, and N seeded random rows (default 24) with both channels'
mel spectrograms and an audio player. Every chunk is checked first; damaged ones are named
and skipped, missing ones listed (page and stderr).

--serve serves the same page from a local HTTP server (127.0.0.1:8765 by default) that reads
rows lazily, so any size of dataset opens at once and any row can be looked up by global id.
`;

function wholeNumber(flag: string, v: string | boolean | undefined): number | undefined {
  const n = numericFlag(v);
  if (n === undefined) return undefined;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new UsageError(`vstds report: --${flag}: expected a whole number ≥ 0, got ${JSON.stringify(v)}`);
  return n;
}

export async function reportCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('report', args, {
    out: { type: 'string' },
    rows: { type: 'string' },
    seed: { type: 'string' },
    serve: { type: 'boolean' },
    port: { type: 'string' },
    host: { type: 'string' },
  });
  if (values.help) {
    io.stdout(reportHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds report: expected one DIR (see vstds report --help)');
  if (!values.serve && (values.port !== undefined || values.host !== undefined)) throw new UsageError('vstds report: --port and --host need --serve');
  if (values.serve && values.out !== undefined) throw new UsageError('vstds report: --out writes a file; it does not go with --serve');
  const dir = resolveUserPath(positionals[0]!, io.env, io.cwd);
  const rows = wholeNumber('rows', values.rows);
  const seed = wholeNumber('seed', values.seed);
  try {
    if (values.serve) {
      const server = await serveReport(dir, { rows, seed, port: wholeNumber('port', values.port), host: values.host });
      for (const line of server.survey.missing) io.stderr(`${line}\n`);
      io.stdout(`vstds report: serving ${server.survey.dir} at ${server.url} (Ctrl-C stops)\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          done();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      for (const d of server.survey.damaged) io.stderr(`${d.file}: damaged, skipped: ${d.problems.join('; ')}\n`);
      await server.close();
      return 0;
    }
    const result = await writeReport(dir, { out: values.out === undefined ? undefined : resolveUserPath(values.out, io.env, io.cwd), rows, seed });
    for (const line of result.missing) io.stderr(`${line}\n`);
    for (const d of result.damaged) io.stderr(`${d.file}: damaged, skipped: ${d.problems.join('; ')}\n`);
    io.stdout(`vstds report: wrote ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB, ${result.rows} rows shown)\n`);
    return 0;
  } catch (err) {
    if (err instanceof ReportError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
