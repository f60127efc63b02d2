import {
  InvalidDurationError,
  InvalidInputError,
  NotesOnEffectError,
} from './errors';
import { checkNote } from '@vstds/midi';
import type { NativePluginHandle } from './native-addon';
import type { ParameterIndex } from './parameter-index';
import type { PluginInfo, RenderRequest } from './types';

/** Longest render accepted; longer requests are almost certainly unit mistakes (ms for s). */
export const maxRenderSeconds = 600;

/** Validates a render request and packs it into the native call's arguments (samples, not seconds). */
export function encodeRenderRequest(
  req: RenderRequest,
  info: PluginInfo,
  sampleRate: number,
  parameters: ParameterIndex,
): Parameters<NativePluginHandle['render']> {
  const { seconds } = req;
  if (
    typeof seconds !== 'number' ||
    !Number.isFinite(seconds) ||
    seconds <= 0 ||
    seconds > maxRenderSeconds
  ) {
    throw new InvalidDurationError(seconds);
  }
  const notes = req.notes ?? [];
  if (notes.length > 0 && !info.isInstrument) {
    throw new NotesOnEffectError(info.name);
  }
  const [ids, values] = parameters.resolve(req.params);
  const packed = new Float64Array(notes.length * 4);
  notes.forEach((n, i) => {
    checkNote(n, `render: notes[${i}]`);
    const start = Math.round(n.start * sampleRate);
    const end = Math.min(
      Math.round(n.end * sampleRate),
      Number.MAX_SAFE_INTEGER,
    );
    packed.set([n.pitch, n.velocity, start, end], i * 4);
  });
  const input = req.input ?? [];
  if (
    !Array.isArray(input) ||
    input.some((ch) => !(ch instanceof Float32Array))
  ) {
    throw new InvalidInputError(
      '`input` must be an array of Float32Array channels',
    );
  }
  if (input.length > 0 && info.inputChannels === 0) {
    throw new InvalidInputError(
      `${info.name} has no audio input; drop \`input\``,
    );
  }
  return [ids, values, packed, Math.round(seconds * sampleRate), input];
}
