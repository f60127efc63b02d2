// The public API under test, plus the writer's manifest error (the reader reuses its manifest parser).
export * from '../src/index';
export { ManifestError as ManifestErrorLike } from '@vstds/hdf5-chunks';
