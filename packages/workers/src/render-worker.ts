/**
 * The render worker process: one plugin instance, row jobs in, stored arrays (or rejections) out.
 * The stages (default: render → gate → mel → float16) run here, next to the audio, so only the
 * stored arrays cross the process boundary.
 */
import { validateAgainstPlugin, type ParamSpec } from '@vstds/param-spec';
import { loadPlugin, maxAbsDifference, type Plugin, PluginChain, PluginRoleError, type Renderer } from '@vstds/vst-host';
import { chainRenderer } from './chain-renderer';
import { lastValueFrom, of, type OperatorFunction } from 'rxjs';
import { defaultStages } from './default-stages';
import { WorkersOptionError } from './errors';
import { loadStageModule } from './load-stage-module';
import { PresetLoader } from './preset-loader';
import type { PluginIdentity, RenderJob, RenderResult, RenderWorkerInit } from './render-job';
import type { RowJob, StageOutput } from './row-job';
import { serveWorker } from './serve-worker';

let plugin: Plugin | undefined;
let init: RenderWorkerInit;
let stages: OperatorFunction<RowJob, StageOutput>;
let renderer: Renderer;
let effects: Plugin[] = [];
let presets: PresetLoader;

serveWorker<RenderWorkerInit, RenderJob, RenderResult>({
  async init(i) {
    init = i;
    const s = i.settings;
    plugin = await loadPlugin(s.pluginPath, { sampleRate: s.sampleRate, blockSize: s.blockSize, reproducible: s.reproducible ?? 'off' });
    const info = plugin.info;
    if (!info.isInstrument) {
      throw new WorkersOptionError(`${s.pluginPath}: "${info.name}" is an effect (it takes no MIDI), not an instrument; a dataset needs an instrument`);
    }
    if (s.presetPath) plugin.loadPreset(s.presetPath);
    validateAgainstPlugin(i.spec as ParamSpec, plugin.parameters);
    presets = new PresetLoader(plugin);
    const fx = s.effects ?? [];
    for (const e of fx) {
      const effect = await loadPlugin(e.pluginPath, { sampleRate: s.sampleRate, blockSize: s.blockSize, reproducible: s.reproducible ?? 'off' });
      effects.push(effect);
      if (effect.info.isInstrument || effect.info.inputChannels === 0) throw new PluginRoleError(e.pluginPath, effect.info.name, 'effect');
      if (e.presetPath) effect.loadPreset(e.presetPath);
      validateAgainstPlugin(e.spec as ParamSpec, effect.parameters);
    }
    renderer = fx.length === 0 ? plugin : chainRenderer(new PluginChain(plugin, effects), fx.map((e) => e.prefix));
    const factory = i.stageModule ? await loadStageModule(i.stageModule) : defaultStages;
    stages = await factory({ plugin, renderer, settings: s });
    const identity: PluginIdentity = {
      name: info.name,
      vendor: info.vendor,
      version: info.version,
      format: info.format,
      uid: info.uid,
      isInstrument: info.isInstrument,
      outputChannels: info.outputChannels,
      path: s.pluginPath,
      determinism: { instant: null, ...plugin.determinism },
      effects: effects.map((e, k) => ({ name: e.info.name, vendor: e.info.vendor, version: e.info.version, format: e.info.format, uid: e.info.uid, path: fx[k]!.pluginPath })),
    };
    return { info: identity };
  },

  async handle(job) {
    const p = plugin!;
    const seconds = init.settings.seconds;
    if (job.kind === 'noise') {
      const a = { ...job.a, seconds };
      if (!job.b && effects.length === 0) return { kind: 'noise', noise: await p.measureRenderNoise(a) };
      const first = await renderer.render(a);
      // Through a chain, without another row the same patch in between still runs every reset.
      await renderer.render({ ...(job.b ?? job.a), seconds });
      const again = await renderer.render(a);
      return { kind: 'noise', noise: maxAbsDifference(first.channels, again.channels) };
    }
    if (job.kind === 'preset-check') return presets.check(job.path);
    const { kind: _kind, ...row } = job;
    if (row.preset) presets.load(row.preset);
    const out = await lastValueFrom(of(row).pipe(stages), { defaultValue: undefined });
    return out ?? { kind: 'rejected', reason: 'filtered', detail: 'dropped by a stage', ms: {} };
  },

  close() {
    for (const e of effects) e.close();
    plugin?.close();
  },
});
