import { PluginRoleError } from './errors';
import { loadPlugin } from './load-plugin';
import type { Plugin } from './plugin';
import type { LoadOptions, PluginInfo, RenderedAudio, Renderer, RenderRequest } from './types';

/** A render through a chain: the instrument's request, plus each effect's parameters in chain order. */
export interface ChainRenderRequest extends RenderRequest {
  /** Normalized values per effect (by the effect's own keys); missing entries leave an effect at its base state. */
  effectParams?: readonly Record<string, number>[];
}

/** An effect of a chain as loaded from a path, with an optional preset as its base state. */
export interface EffectSource {
  path: string;
  presetPath?: string;
}

/**
 * An instrument followed by effects, rendered in one process. Every plugin runs its own reset
 * protocol on each render, so nothing of one render (a reverb tail, a delay line) reaches the next;
 * effects render exactly `seconds`, so a tail longer than the signal is cut where the row ends.
 */
export class PluginChain implements Renderer {
  constructor(
    readonly instrument: Plugin,
    readonly effects: readonly Plugin[],
  ) {}

  /** Identity of every plugin, instrument first. */
  get plugins(): PluginInfo[] {
    return [this.instrument.info, ...this.effects.map((e) => e.info)];
  }

  async render(req: ChainRenderRequest): Promise<RenderedAudio> {
    const { effectParams = [], ...instrumentReq } = req;
    let audio = await this.instrument.render(instrumentReq);
    let processSeconds = audio.processSeconds;
    let nativeSeconds = audio.nativeSeconds;
    for (const [i, effect] of this.effects.entries()) {
      audio = await effect.render({ params: effectParams[i] ?? {}, input: audio.channels, seconds: req.seconds });
      processSeconds += audio.processSeconds;
      nativeSeconds += audio.nativeSeconds;
    }
    return { ...audio, processSeconds, nativeSeconds };
  }

  close(): void {
    for (const p of [this.instrument, ...this.effects]) p.close();
  }
}

/**
 * Loads an instrument and its effects with the same options (sample rate, block size, reset),
 * refusing an effect slot that holds an instrument and the other way round.
 */
export async function loadChain(instrumentPath: string, effects: readonly EffectSource[], opts: LoadOptions = {}): Promise<PluginChain> {
  const loaded: Plugin[] = [];
  try {
    const instrument = await loadPlugin(instrumentPath, opts);
    loaded.push(instrument);
    if (!instrument.info.isInstrument) throw new PluginRoleError(instrumentPath, instrument.info.name, 'instrument');
    for (const source of effects) {
      const effect = await loadPlugin(source.path, opts);
      loaded.push(effect);
      if (effect.info.isInstrument || effect.info.inputChannels === 0) throw new PluginRoleError(source.path, effect.info.name, 'effect');
      if (source.presetPath) effect.loadPreset(source.presetPath);
    }
    return new PluginChain(instrument, loaded.slice(1));
  } catch (error) {
    for (const p of loaded) p.close();
    throw error;
  }
}
