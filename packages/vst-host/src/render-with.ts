import { concatMap, from, map, type OperatorFunction } from 'rxjs';
import type { RenderedAudio, Renderer, RenderRequest } from './types';

export interface Rendered<T> {
  /** The upstream item the audio was rendered for. */
  item: T;
  audio: RenderedAudio;
}

export interface RenderWithOptions<T> {
  /** Builds the render request from an upstream item; items are requests when omitted. */
  toRequest?: (item: T) => RenderRequest;
}

/** Renders each upstream item on `plugin` (or a chain), one at a time, emitting in input order. */
export function renderWith<T extends RenderRequest>(
  plugin: Renderer,
): OperatorFunction<T, Rendered<T>>;
export function renderWith<T>(
  plugin: Renderer,
  opts: RenderWithOptions<T> & { toRequest: (item: T) => RenderRequest },
): OperatorFunction<T, Rendered<T>>;
export function renderWith<T>(
  plugin: Renderer,
  opts: RenderWithOptions<T> = {},
): OperatorFunction<T, Rendered<T>> {
  const toRequest =
    opts.toRequest ?? ((item: T) => item as unknown as RenderRequest);
  return concatMap((item: T) =>
    from(plugin.render(toRequest(item))).pipe(
      map((audio) => ({ item, audio })),
    ),
  );
}
