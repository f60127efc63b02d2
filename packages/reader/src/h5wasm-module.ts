type H5Wasm = typeof import('h5wasm/node');

let loading: Promise<H5Wasm> | undefined;

/**
 * h5wasm's NODERAWFS build, loaded once, with HDF5 errors thrown as exceptions (else they are only
 * printed). A dynamic import keeps the CommonJS build (tslab) working: h5wasm is ESM-only.
 */
export function loadH5wasm(): Promise<H5Wasm> {
  loading ??= import('h5wasm/node').then(async (mod) => {
    await mod.ready;
    mod.Module.activate_throwing_error_handler();
    return mod;
  });
  return loading;
}

export type { H5Wasm };
