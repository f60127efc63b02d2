import { maxAbsDifference } from './audio-difference';
import { UnsupportedOperationError } from './errors';
import type { Plugin } from './plugin';
import type { PluginParameter, RenderRequest } from './types';

/**
 * How a render returns to the base state, cheapest first: 'params' (deactivate/reactivate and put
 * back only the parameters the last render changed), 'state' (restore the whole base state),
 * 'instance' (recreate the plugin objects, then restore the state).
 */
export type ResetMode = 'params' | 'state' | 'instance';

/** What the load-time probe found. */
export interface ResetProbe {
  /** The cheapest mode proven to render A, B, A, A bit-identically (else the fallback, see below). */
  mode: ResetMode;
  /** A fresh instance renders the probe like the first one, and `mode` was proven. */
  bitReproducible: boolean;
  /** Largest |Δ| between probe renders that should have been identical; 0 when reproducible. */
  renderNoise: number;
}

// Moved this little, a continuous control (a fault-injection switch at 0 that fires above 0.5, a
// gain) stays in its safe region; stepped parameters stay put: one step can be a whole switch.
const PARAM_NUDGE = 0.05;

function nudged(parameters: readonly PluginParameter[], base: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of parameters) {
    if (p.stepCount !== 0) continue;
    const v = base[p.key] ?? p.defaultValue;
    out[p.key] = v < 0.5 ? v + PARAM_NUDGE : v - PARAM_NUDGE;
  }
  return out;
}

function probeRequests(plugin: Plugin): {
  probe: RenderRequest;
  disturb: RenderRequest;
} {
  const seconds = 0.25;
  if (plugin.info.isInstrument) {
    return {
      probe: {
        notes: [{ pitch: 60, velocity: 100, start: 0.01, end: 0.15 }],
        seconds,
      },
      // Loud (accent), another pitch (glide), held past the end (pending note-off).
      disturb: {
        notes: [{ pitch: 43, velocity: 127, start: 0, end: 1e6 }],
        seconds,
      },
    };
  }
  const n = Math.round(seconds * plugin.sampleRate);
  const channels = Math.max(1, plugin.info.inputChannels);
  const sine = Float32Array.from(
    { length: n },
    (_, i) => 0.5 * Math.sin((2 * Math.PI * 220 * i) / plugin.sampleRate),
  );
  let seed = 1;
  const noise = Float32Array.from({ length: n }, () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 31 - 1;
  });
  return {
    probe: { input: Array.from({ length: channels }, () => sine), seconds },
    disturb: {
      input: Array.from({ length: channels }, () => noise),
      seconds,
    },
  };
}

/**
 * Finds the cheapest reset that makes renders pure functions of their inputs, by rendering.
 * A probe render on this instance and on a second fresh one: if they differ, the plugin is random
 * in a way no reset undoes (an unfrozen clock, `std::random_device`; Kars, Surge XT) and the state
 * reset is kept (`bitReproducible: false`). Otherwise each mode in turn renders a disturbing
 * request, then the probe twice (A, B, A, A); the first mode whose probes match the first render
 * bit for bit wins. The disturbance is a loud other note held past the end, or loud noise into an
 * effect; for 'params' it also nudges the continuous parameters (what that mode restores), and
 * 'state' and 'instance' are tested without parameter moves, as before this probe existed.
 * When no mode matches the first render, 'instance' is kept; it is still proven bit-reproducible
 * when its own renders agree with each other and with the fresh instance's under 'instance': some
 * plugins' recreated objects start a little unlike their just-loaded ones (JX10), and a dataset
 * never holds a just-loaded render.
 * The outcome depends only on rendered bytes, never on timings or names, so every run of a config
 * picks the same mode: what resumable, multi-worker generation needs.
 */
export async function probeResetModes(
  plugin: Plugin,
  loadFresh: () => Promise<Plugin>,
): Promise<ResetProbe> {
  const { probe, disturb } = probeRequests(plugin);
  const initial = plugin.resetMode;
  plugin.setResetMode('state');
  const first = await plugin.render(probe);
  const fresh = await loadFresh();
  try {
    const acrossInstances = maxAbsDifference(first.channels, (await fresh.render(probe)).channels);
    if (acrossInstances !== 0) {
      plugin.setResetMode(initial === 'params' ? 'state' : initial);
      return { mode: 'state', bitReproducible: false, renderNoise: acrossInstances };
    }
    const base = plugin.getParameterValues();
    let noise = 0;
    let selfConsistent = false;
    for (const mode of ['params', 'state', 'instance'] as const) {
      try {
        plugin.setResetMode(mode);
      } catch (error) {
        if (error instanceof UnsupportedOperationError) continue; // no params reset for this format
        throw error;
      }
      const b = mode === 'params' ? { ...disturb, params: nudged(plugin.parameters, base) } : disturb;
      await plugin.render(b);
      const a2 = await plugin.render(probe);
      const a3 = await plugin.render(probe);
      const d = Math.max(maxAbsDifference(first.channels, a2.channels), maxAbsDifference(first.channels, a3.channels));
      if (d === 0) return { mode, bitReproducible: true, renderNoise: 0 };
      noise = Math.max(noise, d);
      if (mode === 'instance' && maxAbsDifference(a2.channels, a3.channels) === 0) {
        fresh.setResetMode('instance');
        selfConsistent = maxAbsDifference(a2.channels, (await fresh.render(probe)).channels) === 0;
      }
    }
    // Nothing matched the first render: recreating the objects is the most a host can do in-process.
    plugin.setResetMode('instance');
    return selfConsistent
      ? { mode: 'instance', bitReproducible: true, renderNoise: 0 }
      : { mode: 'instance', bitReproducible: false, renderNoise: noise };
  } finally {
    fresh.close();
  }
}

/** The mode {@link probeResetModes} picks. */
export async function detectResetMode(
  plugin: Plugin,
  loadFresh: () => Promise<Plugin>,
): Promise<ResetMode> {
  return (await probeResetModes(plugin, loadFresh)).mode;
}
