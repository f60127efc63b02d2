import {
  InvalidDurationError,
  InvalidInputError,
  InvalidNoteError,
  NotesOnEffectError,
} from './errors';
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
    if (!Number.isInteger(n.pitch) || n.pitch < 0 || n.pitch > 127) {
      throw new InvalidNoteError(
        i,
        `pitch must be an integer 0..127, found ${n.pitch}`,
      );
    }
    if (
      typeof n.velocity !== 'number' ||
      !(n.velocity > 0 && n.velocity <= 127)
    ) {
      throw new InvalidNoteError(
        i,
        `velocity must be in (0, 127], found ${n.velocity}`,
      );
    }
    if (
      typeof n.start !== 'number' ||
      !Number.isFinite(n.start) ||
      !(n.start >= 0)
    ) {
      throw new InvalidNoteError(
        i,
        `start must be >= 0 seconds, found ${n.start}`,
      );
    }
    if (typeof n.end !== 'number' || !(n.end > n.start)) {
      throw new InvalidNoteError(
        i,
        `end must be after start (${n.start}), found ${n.end}`,
      );
    }
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
