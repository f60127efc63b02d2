import { join } from 'node:path';

/** /work/main/tools/fixtures/param-spec, where this package's shipped test fixtures live. */
export const fixtureDir = join(__dirname, '../../../tools/fixtures/param-spec');
