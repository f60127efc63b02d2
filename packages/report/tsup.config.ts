import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.shared';

// d3's colour packages are ESM-only: bundled so the CommonJS build (tslab) loads too.
export default defineConfig({ ...libraryBuild, noExternal: ['d3-scale-chromatic', 'd3-interpolate', 'd3-color'] });
