import { createRequire } from 'node:module';

/** This package's version, written into every dataset's attributes and manifest. */
export const vstdsVersion: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;
