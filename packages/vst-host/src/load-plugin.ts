import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { currentClockState } from './deterministic-clock';
import { probeResetModes, type ResetMode } from './detect-reset-mode';
import {
  fromNativeError,
  InvalidOptionError,
  NotReproducibleError,
} from './errors';
import { loadNativeAddon } from './native-addon';
import { Plugin } from './plugin';
import { resolvePluginPath } from './resolve-plugin-path';
import type { LoadOptions } from './types';

// Any fixed non-zero byte works; 0xA5 is easy to spot in a debugger.
const HEAP_PERTURB_BYTE = 0xa5;

/**
 * Loads a `.vst3` bundle, an `.lv2` bundle directory, or an installed LV2 plugin URI, headless.
 * Loading runs off the JS thread.
 */
export async function loadPlugin(
  path: string,
  opts: LoadOptions = {},
): Promise<Plugin> {
  const sampleRate = opts.sampleRate ?? 44100;
  const blockSize = opts.blockSize ?? 512;
  const warmupBlocks = opts.warmupBlocks ?? 1;
  if (!(sampleRate >= 8000 && sampleRate <= 384000)) {
    throw new InvalidOptionError(
      'sampleRate',
      'in [8000, 384000] Hz',
      sampleRate,
    );
  }
  if (!Number.isInteger(blockSize) || blockSize < 16 || blockSize > 8192) {
    throw new InvalidOptionError(
      'blockSize',
      'an integer in [16, 8192]',
      blockSize,
    );
  }
  if (
    !Number.isInteger(warmupBlocks) ||
    warmupBlocks < 0 ||
    warmupBlocks > 64
  ) {
    throw new InvalidOptionError(
      'warmupBlocks',
      'an integer in [0, 64]',
      warmupBlocks,
    );
  }
  const reset = opts.reset ?? 'auto';
  if (
    reset !== 'auto' &&
    reset !== 'params' &&
    reset !== 'state' &&
    reset !== 'instance'
  ) {
    throw new InvalidOptionError(
      'reset',
      "'auto', 'params', 'state' or 'instance'",
      reset,
    );
  }
  const reproducible = opts.reproducible ?? 'off';
  if (
    reproducible !== 'off' &&
    reproducible !== 'auto' &&
    reproducible !== 'strict'
  ) {
    throw new InvalidOptionError(
      'reproducible',
      "'auto', 'strict' or 'off'",
      reproducible,
    );
  }
  if (reproducible !== 'off' && reset !== 'auto') {
    throw new InvalidOptionError(
      'reset',
      `'auto' when reproducible is '${reproducible}' (the probe proves the reset)`,
      reset,
    );
  }
  const { format, target } = resolvePluginPath(path);
  if (opts.deterministicHeap ?? true) loadNativeAddon().setHeapPerturb(HEAP_PERTURB_BYTE);
  // Qt-based LV2 plugins abort without a display; the native side sets this too, for workers.
  process.env.QT_QPA_PLATFORM ??= 'offscreen';
  // Surge XT prints a path error unless its user folder exists.
  if (/surge/i.test(target))
    mkdirSync(join(homedir(), '.Surge XT'), { recursive: true });
  const open = async (mode: ResetMode): Promise<Plugin> => {
    try {
      const handle = await loadNativeAddon().load(
        target,
        format,
        sampleRate,
        blockSize,
        warmupBlocks,
        mode === 'instance',
        opts.withheldLv2Features ?? [],
      );
      return new Plugin(handle, sampleRate, mode);
    } catch (error) {
      throw fromNativeError(error);
    }
  };
  // LD_PRELOAD only acts from process start: here we can only check that it did.
  const clock =
    reproducible === 'off'
      ? ({ clock: 'real', reason: "reproducible: 'off'" } as const)
      : currentClockState();
  if (reset !== 'auto') {
    const plugin = await open(reset === 'params' ? 'state' : reset);
    if (reset === 'params') {
      try {
        plugin.setResetMode('params');
      } catch (error) {
        plugin.close();
        throw error;
      }
    }
    return plugin;
  }
  const plugin = await open('state');
  try {
    if (reproducible === 'strict' && clock.clock !== 'frozen')
      throw new NotReproducibleError(plugin.info.name, clock.reason);
    const found = await probeResetModes(plugin, () => open('state'));
    if (reproducible === 'strict' && !found.bitReproducible)
      throw new NotReproducibleError(
        plugin.info.name,
        `with the clock frozen, no reset renders the probe bit-identically (largest difference ${found.renderNoise.toPrecision(3)}: std::random_device, getrandom or threads?)`,
      );
    plugin.recordDeterminism({
      method: found.mode,
      clock: clock.clock,
      ...(clock.clock === 'frozen' ? { instant: clock.instant } : {}),
      bitReproducible: found.bitReproducible,
      renderNoise: found.renderNoise,
    });
    return plugin;
  } catch (error) {
    plugin.close();
    throw error;
  }
}
