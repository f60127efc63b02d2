import { ChunkedDatasetReader } from '@vstds/reader';
import { parseCommandArgs } from '../cli-args';
import { UsageError } from '../errors';
import { resolveUserPath } from '../find-config';
import type { CliIO } from '../main';

export const verifyHelp = `Usage: vstds verify DIR [--no-sha256]

Validates every chunk of a dataset: present and of the size the manifest says, sha256, readable,
shapes and dtypes, every row decompressed (whatever the codec) and its values finite, row counts and
ids. Exit code 1 when there are problems, one line each naming the chunk file.
`;

export async function verifyCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs('verify', args, { 'no-sha256': { type: 'boolean' } });
  if (values.help) {
    io.stdout(verifyHelp);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('vstds verify: expected one DIR (see vstds verify --help)');
  const dir = resolveUserPath(positionals[0]!, io.env, io.cwd);
  const reader = await ChunkedDatasetReader.open(dir);
  try {
    const report = await reader.validate({ checkSha256: !values['no-sha256'] });
    for (const p of report.problems) io.stderr(`${dir}: ${p}\n`);
    if (report.missing_chunks.length > 0) io.stderr(`${dir}: missing chunks ${report.missing_chunks.join(', ')}\n`);
    const ok = report.ok && report.missing_chunks.length === 0;
    io.stdout(`${ok ? 'ok' : 'FAILED'}: ${report.checked_samples} rows in ${report.chunks.length} chunks checked${ok ? '' : `, ${report.problems.length} problems`}\n`);
    return ok ? 0 : 1;
  } finally {
    reader.close();
  }
}
