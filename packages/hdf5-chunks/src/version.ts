import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's version (src/ and dist/ both sit one level below package.json). */
export const VSTDS_VERSION: string = (
  JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'package.json'), 'utf8')) as { version: string }
).version;

/** Name and version of the dataset directory format written in dataset_info.json. */
export const DATASET_FORMAT = 'vstds-chunked-hdf5';
/**
 * 2: chunks hold `peaks` (per-row peak level). A dataset keeps the version it was started with, so
 * a version-1 dataset resumed by this version goes on writing version-1 chunks (no `peaks`).
 */
export const DATASET_FORMAT_VERSION = 2;
