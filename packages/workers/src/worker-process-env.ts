import { FRAME_FD, FRAME_FD_ENV } from './frame-channel';

/**
 * glibc's malloc serves blocks above its mmap threshold with fresh mappings and gives freed heap
 * back to the kernel, so every row's 0.3–1.4 MB arrays (rendered audio, mel, float16) started on
 * fresh pages: a page fault per 4 KB, which doubled a worker's CPU time per row on a loaded VM
 * (the float16 stage alone 2.5 ms → 12–22 ms). Kept in the heap, the pages are reused. A variable
 * the caller sets itself wins.
 */
const MALLOC_REUSE: NodeJS.ProcessEnv = {
  MALLOC_MMAP_THRESHOLD_: String(32 << 20),
  MALLOC_TRIM_THRESHOLD_: String(128 << 20),
};

/** The environment of a worker process: `base`, the answer pipe's fd (or none), heap reuse. */
export function workerProcessEnv(base: NodeJS.ProcessEnv, answers: 'pipe' | 'ipc'): NodeJS.ProcessEnv {
  return { ...MALLOC_REUSE, ...base, [FRAME_FD_ENV]: answers === 'ipc' ? '' : String(FRAME_FD) };
}
