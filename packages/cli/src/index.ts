// The public API of @vstds/cli: the command-line entry (`main`) for embedding and tests, and its
// usage errors. The dataset run itself is @vstds/pipeline's, scaling out @vstds/scale-out's.
export * from './errors';
export { encodeWavFloat32 } from './wav-file';
export { main, usage, type CliIO } from './main';
