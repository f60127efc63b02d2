import { filterPluginDir } from './compression';

export type H5Wasm = typeof import('h5wasm/node');

let loading: Promise<H5Wasm> | undefined;
let loaded: H5Wasm | undefined;

/**
 * The NODERAWFS build of h5wasm (reads and writes the real file system), loaded once for the writer
 * and the reader alike. The throwing error handler is switched on because otherwise a failing write
 * or filter only prints to stderr and the data is silently lost. h5wasm-plugins' filter libraries
 * (Blosc, LZ4, Zstd: WebAssembly side modules, no native code) go first on HDF5's plugin search path,
 * so compressed chunks read and write the same everywhere. A dynamic import keeps the CommonJS build
 * (tslab) loadable: h5wasm is ESM-only.
 */
export function loadH5wasm(): Promise<H5Wasm> {
  loading ??= import('h5wasm/node').then(async (mod) => {
    await mod.ready;
    mod.Module.activate_throwing_error_handler();
    mod.Module.insert_plugin_search_path(filterPluginDir(), 0);
    loaded = mod;
    return mod;
  });
  return loading;
}

/** The module once `loadH5wasm()` has resolved (for synchronous writer code after an initial await). */
export function loadedH5wasm(): H5Wasm {
  if (!loaded) throw new Error('h5wasm is not loaded yet: await loadH5wasm() first');
  return loaded;
}
