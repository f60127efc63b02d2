import { execFileSync } from 'node:child_process';

/** Runs a Python snippet with Debian's python3 (the one that has h5py) and parses its JSON output. */
export function runH5py<T>(script: string, ...args: string[]): T {
  const out = execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as T;
}

/**
 * Dumps a chunk file as Debian's h5py (with `import hdf5plugin`) sees it: dtypes, shapes, chunking, filters
 * (id, cd_values), attributes, sha256 of each array's bytes, or the read error where a filter is missing.
 */
export const DUMP_CHUNK = `
import sys, json, hashlib, h5py, numpy as np
import hdf5plugin  # registers the Blosc/LZ4 filters Debian ships (hdf5-filter-plugin*); Zstd 32015 is not among them
f = h5py.File(sys.argv[1], 'r')
def conv(v):
    if isinstance(v, bytes): return v.decode()
    if isinstance(v, np.ndarray): return v.tolist()
    if isinstance(v, np.generic): return v.item()
    return v
out = {'attrs': {k: conv(v) for k, v in f.attrs.items()}, 'datasets': {}}
for k in f:
    d = f[k]
    info = {'dtype': d.dtype.str if h5py.check_string_dtype(d.dtype) is None else 'vlen-' + h5py.check_string_dtype(d.dtype).encoding,
            'shape': list(d.shape), 'chunks': list(d.chunks) if d.chunks else None, 'compression': d.compression,
            'compression_opts': d.compression_opts, 'attrs': {a: conv(v) for a, v in d.attrs.items()}}
    dcpl = d.id.get_create_plist()
    info['filters'] = [[dcpl.get_filter(i)[0], list(dcpl.get_filter(i)[2])] for i in range(dcpl.get_nfilters())]
    info['filters_available'] = all(h5py.h5z.filter_avail(fid) for fid, _ in info['filters'])
    if k == 'parameters':
        info['values'] = [json.loads(s) for s in d.asstr()[:]]
    elif info['filters_available']:
        a = d[:]
        info['sha256'] = hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
        if a.ndim == 1: info['values'] = a.tolist()
    else:
        try:
            d[0]
            info['read_error'] = None
        except OSError as e:
            info['read_error'] = str(e)
    out['datasets'][k] = info
print(json.dumps(out))
`;
