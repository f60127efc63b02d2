import { maxAbsDifference } from './audio-difference';
import type { Plugin } from './plugin';
import type { RenderRequest } from './types';

export type ResetMode = 'state' | 'instance';

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
      // Loud (accent), another pitch (glide), held past the end (pending note-off). Parameters
      // stay at the base state: a probe must never move a plugin's "crash" or "hang" control.
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
 * Decides how renders must reset this plugin to be a pure function of their inputs. Renders a
 * probe on the new instance and on a second fresh one: if they differ, the plugin is random
 * (Kars, Surge XT) and recreating it would not help, so the cheap state reset is kept. Otherwise a
 * disturbing render (a loud other note held past the end, or loud noise into an effect; never
 * other parameter values) and the probe again: if the probe changed, the plugin keeps DSP memory
 * outside its state (Nekobi's accent follower, JX10's LFO) and is recreated before every render.
 */
export async function detectResetMode(
  plugin: Plugin,
  loadFresh: () => Promise<Plugin>,
): Promise<ResetMode> {
  const { probe, disturb } = probeRequests(plugin);
  const first = await plugin.render(probe);
  const fresh = await loadFresh();
  let freshProbe;
  try {
    freshProbe = await fresh.render(probe);
  } finally {
    fresh.close();
  }
  if (maxAbsDifference(first.channels, freshProbe.channels) !== 0)
    return 'state';
  await plugin.render(disturb);
  const again = await plugin.render(probe);
  return maxAbsDifference(first.channels, again.channels) === 0
    ? 'state'
    : 'instance';
}
