import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Strict parse: unknown flags and missing values become UsageErrors naming the command. */
type WithHelp<T> = T & { help: { type: 'boolean'; short: 'h' } };
type Parsed<T extends OptionSpec> = ReturnType<
  typeof parseArgs<{ args: string[]; options: WithHelp<T>; allowPositionals: true; strict: true }>
>;

export function parseCommandArgs<T extends OptionSpec>(command: string, args: string[], options: T): Parsed<T> {
  try {
    const all = { ...options, help: { type: 'boolean', short: 'h' } } as WithHelp<T>;
    return parseArgs({ args, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, '');
    throw new UsageError(`vstds ${command}: ${msg} (see vstds ${command} --help)`);
  }
}

/** A numeric flag as the config validator expects it: a number when it parses, else the text. */
export function numericFlag(v: string | boolean | undefined): unknown {
  if (typeof v !== 'string') return undefined;
  return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v.trim()) ? Number(v) : v;
}

/**
 * Splits `--params k=v k2=v2 … ` (a space-separated list after one flag, as in the usage)
 * into `--params k=v --params k2=v2` so parseArgs can collect them.
 */
export function expandListFlag(args: string[], flag: string): string[] {
  const out: string[] = [];
  let inList = false;
  for (const a of args) {
    if (a === flag) {
      inList = true;
      continue;
    }
    if (inList && !a.startsWith('-') && a.includes('=')) {
      out.push(flag, a);
      continue;
    }
    inList = false;
    out.push(a);
  }
  return out;
}
