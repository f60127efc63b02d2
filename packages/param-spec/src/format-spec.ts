import { stringify } from 'yaml';
import type { ParamSpec } from './spec-types';

/** A spec as YAML in the spec-file format (what loadSpec reads back to an equal spec). */
export function formatSpec(spec: ParamSpec, header?: string): string {
  const body = stringify(
    {
      name: spec.name,
      synth_params: spec.synth_params.map(ordered),
      note_params: spec.note_params.map(ordered),
    },
    { indentSeq: false, lineWidth: 0 },
  );
  return header ? `${header.split('\n').map((l) => `# ${l}`).join('\n')}\n${body}` : body;
}

/** name and kind first, as in the shipped files, so drafted specs read like them. */
function ordered(p: object): Record<string, unknown> {
  const { name, kind, ...rest } = p as { name: string; kind: string };
  return { name, kind, ...rest };
}
