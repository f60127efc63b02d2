import { execFileSync } from 'node:child_process';

/** Runs a Python snippet with Debian's python3 (the one that has h5py) and parses its JSON output. */
export function runH5py<T>(script: string, ...args: string[]): T {
  const out = execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as T;
}

/** Dumps a chunk file as h5py sees it: dtypes, shapes, chunking, filters, attributes, sha256 of each array's bytes. */
export const DUMP_CHUNK = `
import sys, json, hashlib, h5py, numpy as np
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
    if k == 'parameters':
        info['values'] = [json.loads(s) for s in d.asstr()[:]]
    else:
        a = d[:]
        info['sha256'] = hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()
        if a.ndim == 1: info['values'] = a.tolist()
    out['datasets'][k] = info
print(json.dumps(out))
`;
