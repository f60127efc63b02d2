/**
 * The worker process of `vstds generate`: one plugin instance, rows in, finished rows out.
 * Render, loudness gate, mel and float16 run here, next to the audio, so only the stored arrays
 * cross the process boundary.
 */
import { judgeLoudness, melSpectrogram, toFloat16Bits } from '@vstds/dsp-mel';
import { validateAgainstPlugin, type ParamSpec } from '@vstds/param-spec';
import { loadPlugin, type Plugin } from '@vstds/vst-host';
import { adaptChannels } from './adapt-channels';
import type { PluginIdentity, RenderJob, RenderOutcome, RenderWorkerInit, StageTimes } from './render-job';
import { serveWorker } from './worker-runtime';

let plugin: Plugin | undefined;
let cfg: RenderWorkerInit;

const now = () => performance.now();

serveWorker<RenderWorkerInit, RenderJob, RenderOutcome>({
  async init(init) {
    cfg = init;
    plugin = await loadPlugin(init.pluginPath, { sampleRate: init.sampleRate, blockSize: init.blockSize });
    const info = plugin.info;
    if (!info.isInstrument) {
      throw new Error(`${init.pluginPath}: "${info.name}" is an effect (it takes no MIDI), not an instrument; vstds generate needs an instrument`);
    }
    if (init.presetPath) plugin.loadPreset(init.presetPath);
    validateAgainstPlugin(init.spec as ParamSpec, plugin.parameters);
    const identity: PluginIdentity = {
      name: info.name,
      vendor: info.vendor,
      version: info.version,
      format: info.format,
      uid: info.uid,
      isInstrument: info.isInstrument,
      outputChannels: info.outputChannels,
      path: init.pluginPath,
    };
    return { info: identity };
  },

  async handle(job) {
    const p = plugin!;
    if (job.kind === 'noise') {
      const a = { ...job.a, seconds: cfg.seconds };
      if (!job.b) return { kind: 'noise', noise: await p.measureRenderNoise(a) };
      const first = await p.render(a);
      await p.render({ ...job.b, seconds: cfg.seconds });
      const again = await p.render(a);
      let max = 0;
      first.channels.forEach((ch, c) => {
        const other = again.channels[c]!;
        for (let i = 0; i < ch.length; i++) max = Math.max(max, Math.abs(ch[i]! - other[i]!));
      });
      return { kind: 'noise', noise: max };
    }
    const ms: StageTimes = { render: 0, plugin: 0, gate: 0, mel: 0, float16: 0 };
    let t = now();
    const rendered = await p.render({ params: job.params, notes: job.notes, seconds: cfg.seconds });
    const channels = adaptChannels(rendered.channels, cfg.channels);
    ms.render = now() - t;
    ms.plugin = rendered.processSeconds * 1000;
    t = now();
    const verdict = judgeLoudness({ channels, sampleRate: cfg.sampleRate }, { minLoudness: cfg.minLoudness });
    ms.gate = now() - t;
    if (!verdict.accepted) {
      return { kind: 'rejected', reason: verdict.rejection.reason, detail: verdict.rejection.detail, ms };
    }
    t = now();
    const mel = melSpectrogram(channels, cfg.sampleRate);
    ms.mel = now() - t;
    t = now();
    const n = channels[0]!.length;
    const audio = new Uint16Array(channels.length * n);
    channels.forEach((ch, c) => audio.set(toFloat16Bits(ch), c * n));
    ms.float16 = now() - t;
    return { kind: 'accepted', audio, mel: mel.data, loudness: verdict.row.loudness, ms };
  },

  close() {
    plugin?.close();
  },
});
