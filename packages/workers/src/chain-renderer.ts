import { splitChainParams } from '@vstds/param-spec';
import type { PluginChain, Renderer } from '@vstds/vst-host';

/**
 * A chain as one Renderer for the stages: a row's parameters carry the effects' under their
 * prefixes (param-spec's chainSpec), and each plugin gets its own, unprefixed.
 */
export function chainRenderer(chain: PluginChain, prefixes: readonly string[]): Renderer {
  return {
    render: (req) => {
      const { instrument, effects } = splitChainParams(req.params ?? {}, prefixes);
      return chain.render({ ...req, params: instrument, effectParams: effects });
    },
  };
}
