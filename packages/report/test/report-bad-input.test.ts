import { mkdirSync, openSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotADatasetError, serveReport, writeReport } from '../src/index';
import { launchBrowser, melImageWidths, openReport, type Browser } from './browser';
import { copyDataset, generateDataset, runCli, TMP, type DatasetFixture } from './make-dataset';

let ds: DatasetFixture;
let browser: Browser;

beforeAll(async () => {
  ds = generateDataset('bad', 'jx10', 12, 4); // three chunks of four rows
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

/** Loads a written report and returns the problem lines it shows and the ids of the rows it shows. */
async function pageOf(file: string): Promise<{ problems: string[]; ids: number[]; widths: number[] }> {
  const { page, trouble } = await openReport(browser, pathToFileURL(file).href);
  try {
    expect(trouble).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    return {
      problems: await page.$$eval('#problems li', (e) => e.map((x) => x.textContent ?? '')),
      ids: await page.$$eval('#rows .row-card', (e) => e.map((x) => Number(x.getAttribute('data-id')))),
      widths: await melImageWidths(page),
    };
  } finally {
    await page.close();
  }
}

describe('not a dataset', () => {
  it('an empty directory, a missing one and a foreign .h5 file: one line naming the directory, exit 2', async () => {
    const empty = join(TMP, 'bad', 'empty');
    mkdirSync(empty, { recursive: true });
    const foreign = join(TMP, 'bad', 'foreign');
    mkdirSync(foreign, { recursive: true });
    writeFileSync(join(foreign, 'notes.h5'), 'these are not HDF5 bytes\n');
    for (const dir of [empty, join(TMP, 'bad', 'nothing-here'), foreign]) {
      await expect(writeReport(dir)).rejects.toBeInstanceOf(NotADatasetError);
      const r = runCli(['report', dir]);
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(dir);
      expect(lines[0]).toMatch(/expected/);
      expect(r.stdout).toBe('');
    }
    expect(() => statSync(join(empty, 'report.html'))).toThrow();
  });
});

describe('incomplete dataset', () => {
  it('reports the rows that exist and says what is missing, in the page and on stderr', async () => {
    const dir = copyDataset(ds.dir, 'bad-incomplete');
    // what an interrupted run leaves: the manifest lists finished chunks only, no run summary
    const manifest = JSON.parse(readFileSync(join(dir, 'dataset_info.json'), 'utf8')) as { chunks: { index: number }[]; completed_samples: number };
    manifest.chunks = manifest.chunks.filter((c) => c.index !== 2);
    manifest.completed_samples = 8;
    writeFileSync(join(dir, 'dataset_info.json'), JSON.stringify(manifest, null, 2));
    rmSync(join(dir, 'dataset_0002.h5'));
    rmSync(join(dir, 'run_summary.json'));

    const result = await writeReport(dir, { rows: 5, seed: 1 });
    expect(result.damaged).toEqual([]);
    expect(result.missing.join('\n')).toContain('incomplete: 8 of 12 rows; chunks not written: 2');
    expect(result.missing.join('\n')).toContain('run_summary.json: not found');
    const shown = await pageOf(result.file);
    expect(shown.problems.join('\n')).toContain('chunks not written: 2');
    expect(shown.problems.join('\n')).toContain('run_summary.json: not found');
    expect(shown.ids).toHaveLength(5);
    for (const id of shown.ids) expect(id).toBeLessThan(8);
    for (const w of shown.widths) expect(w).toBeGreaterThan(0);

    const r = runCli(['report', dir, '--rows', '2']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('chunks not written: 2');
    expect(r.stderr).toContain('run_summary.json: not found');
  });
});

describe('damaged chunk', () => {
  it('a chunk whose bytes changed is named and skipped; the rest is shown', async () => {
    const dir = copyDataset(ds.dir, 'bad-flipped');
    const file = join(dir, 'dataset_0001.h5');
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xff), 0, 4096, Math.floor(statSync(file).size / 2));
    closeSync(fd);

    const result = await writeReport(dir, { rows: 8, seed: 2 });
    expect(result.damaged.map((d) => d.file)).toEqual([file]);
    expect(result.damaged[0]!.problems.join(' ')).toMatch(/sha256/);
    expect(result.rows).toBe(8);
    const shown = await pageOf(result.file);
    expect(shown.problems.filter((p) => p.includes('damaged'))).toEqual([expect.stringContaining(file)]);
    expect(shown.ids).toHaveLength(8);
    for (const id of shown.ids) expect(id < 4 || id >= 8).toBe(true);
    expect(shown.widths).toHaveLength(16);
    for (const w of shown.widths) expect(w).toBeGreaterThan(0);

    const r = runCli(['report', dir, '--rows', '2']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`${file}: damaged, skipped`);
  });

  it('served: a truncated chunk is found when first read, named in api/problems, its rows refused; others still served', async () => {
    const dir = copyDataset(ds.dir, 'bad-truncated');
    const file = join(dir, 'dataset_0001.h5');
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const server = await serveReport(dir, { port: 0, rows: 4, seed: 1 });
    try {
      const bad = await fetch(`${server.url}api/rows/5`);
      expect(bad.status).toBe(410);
      expect(await bad.text()).toContain(`${file} is damaged, skipped`);
      const problems = (await (await fetch(`${server.url}api/problems`)).json()) as { damaged: { file: string }[] };
      expect(problems.damaged.map((d) => d.file)).toEqual([file]);
      expect((await fetch(`${server.url}api/rows/9`)).status).toBe(200);
      // Every row of the damaged chunk is refused as gone (410); an id no chunk holds is not found (404).
      expect((await fetch(`${server.url}api/rows/6`)).status).toBe(410);
      expect((await fetch(`${server.url}api/rows/999`)).status).toBe(404);
      const grid = (await (await fetch(`${server.url}api/rows?n=8&seed=3`)).json()) as { id: number }[];
      expect(grid).toHaveLength(8);
      for (const c of grid) expect(c.id < 4 || c.id >= 8).toBe(true);
    } finally {
      await server.close();
    }
  });
});
