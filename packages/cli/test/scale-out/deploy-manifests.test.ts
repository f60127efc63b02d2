import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

/*
 * The Kubernetes files in deploy/ checked against the API schema of Kubernetes 1.36 (the OpenAPI
 * schemas compiled into the kubernetes-models npm package: types, required fields, enums such as
 * restartPolicy and completionMode, quantities), with no cluster. The OpenAPI schema does not
 * reject unknown fields, so the keys vstds relies on are checked by name below.
 */
const deployDir = resolve(__dirname, '../../../../deploy/kubernetes');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

interface Validating {
  validate(): void;
}

/** The kubernetes-models class of a manifest's apiVersion + kind (core group: `v1/Kind`). */
async function model(m: Manifest): Promise<new (data: unknown) => Validating> {
  const path = `kubernetes-models/${m.apiVersion}/${m.kind}`;
  const mod = (await import(path)) as Record<string, new (data: unknown) => Validating>;
  const cls = mod[m.kind];
  if (!cls) throw new Error(`${path}: no model ${m.kind}`);
  return cls;
}

function manifests(): { file: string; doc: Manifest }[] {
  return readdirSync(deployDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(join(deployDir, file), 'utf8')).map((d) => {
        expect(d.errors, file).toEqual([]);
        return { file, doc: d.toJS() as Manifest };
      }),
    );
}

async function problems(doc: unknown): Promise<string | undefined> {
  try {
    new (await model(doc as Manifest))(doc).validate();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

type Pod = { restartPolicy?: string; containers: { args: string[]; volumeMounts?: { name: string }[] }[]; volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[] };
const podOf = (m: Manifest) => (m.spec.template as { spec: Pod }).spec;

describe('deploy/kubernetes manifests', () => {
  const all = manifests();

  it('are the four objects deploy/README.md describes', () => {
    expect(all.map(({ file, doc }) => `${file}: ${doc.apiVersion} ${doc.kind} ${doc.metadata.name}`).sort()).toEqual([
      'vstds-finalize-job.yaml: batch/v1 Job vstds-finalize',
      'vstds-queue.yaml: apps/v1 Deployment vstds-worker',
      'vstds-queue.yaml: batch/v1 Job vstds-coordinator',
      'vstds-shards-indexed-job.yaml: batch/v1 Job vstds-shards',
    ]);
  });

  it('validate against the Kubernetes 1.36 API schema', async () => {
    for (const { file, doc } of all) expect(await problems(doc), `${file}: ${doc.kind} ${doc.metadata.name}`).toBeUndefined();
  });

  it('the validator rejects what the API server would (so a pass means something)', async () => {
    const shards = all.find((m) => m.doc.metadata.name === 'vstds-shards')!.doc;
    const bad = (edit: (m: Manifest) => void) => {
      const copy = structuredClone(shards);
      edit(copy);
      return problems(copy);
    };
    expect(await bad((m) => (m.spec.completionMode = 'Indexd'))).toMatch(/completionMode must be equal to one of the allowed values/);
    expect(await bad((m) => (podOf(m).restartPolicy = 'Sometimes'))).toMatch(/restartPolicy must be equal to one of the allowed values/);
    expect(await bad((m) => (m.spec.completions = '100'))).toMatch(/completions must be integer/);
    expect(await bad((m) => delete (podOf(m).containers[0] as Partial<Pod['containers'][0]> & { name?: string }).name)).toMatch(/containers\/0 must have required property name/);
  });

  it('keep what the vstds commands need: N equal in completions and --of, retries per index, the shared volume', () => {
    const byName = new Map(all.map(({ doc }) => [doc.metadata.name, doc]));
    const shards = byName.get('vstds-shards')!;
    const pod = podOf(shards);
    const args = pod.containers[0]!.args;
    expect(args[0]).toBe('generate');
    expect(Number(args[args.indexOf('--of') + 1])).toBe(shards.spec.completions);
    expect(shards.spec).toMatchObject({ completionMode: 'Indexed', backoffLimitPerIndex: expect.any(Number) });
    // backoffLimitPerIndex and podFailurePolicy require restartPolicy Never
    expect(pod.restartPolicy).toBe('Never');
    expect(podOf(byName.get('vstds-finalize')!).containers[0]!.args[0]).toBe('finalize');
    expect(podOf(byName.get('vstds-worker')!).containers[0]!.args[0]).toBe('worker');
    for (const m of byName.values()) {
      const p = podOf(m);
      expect(p.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim?.claimName, m.metadata.name).toBe('vstds-data');
      expect(p.containers[0]!.volumeMounts?.map((v) => v.name), m.metadata.name).toContain('data');
    }
  });
});
