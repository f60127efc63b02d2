import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkedDatasetReader } from '@vstds/reader';
import { writeReport } from '../src/index';
import { artifactPath, audioDurations, launchBrowser, melImageWidths, openReport, type Browser } from './browser';
import { generateDataset, ROOT, runCli, TMP, type DatasetFixture } from './make-dataset';

const ROWS = 8;

/** src/href/url() references that would leave the file (a CDN, a web font). */
function externalReferences(html: string): string[] {
  return [...html.matchAll(/(?:src|href)\s*=\s*["']?(?:https?:)?\/\/[^"' >]+|url\(\s*["']?(?:https?:)?\/\/[^)]+\)|@import[^;]+/gi)].map((m) => m[0]);
}
let ds: DatasetFixture;
let browser: Browser;
let paramNames: string[];

beforeAll(async () => {
  ds = generateDataset('file', 'jx10', 12, 6);
  const r = await ChunkedDatasetReader.open(ds.dir);
  paramNames = r.getDatasetInfo().param_names;
  r.close();
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('file report (JX10, real Chromium)', () => {
  it('opens from file:// with no console errors or failed requests; every image decodes, every audio lasts the signal', async () => {
    const out = join(TMP, 'file', 'report.html');
    const result = await writeReport(ds.dir, { out, rows: ROWS, seed: 3 });
    expect(result).toMatchObject({ file: out, rows: ROWS, damaged: [], missing: [] });
    const html = readFileSync(out, 'utf8');
    // self-contained: no external script, style, image or font reference
    expect(externalReferences(html)).toEqual([]);
    expect(html.includes('<script src') || html.includes('rel="stylesheet"')).toBe(false);

    const { page, trouble } = await openReport(browser, pathToFileURL(out).href);
    expect(trouble.failedRequests).toEqual([]);
    expect(trouble.consoleErrors).toEqual([]);
    expect(trouble.pageErrors).toEqual([]);
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe('yes');

    const widths = await melImageWidths(page);
    expect(widths).toHaveLength(ROWS * 2);
    for (const w of widths) expect(w).toBeGreaterThan(0);
    const durations = await audioDurations(page);
    expect(durations).toHaveLength(ROWS);
    for (const d of durations) expect(d).toBeCloseTo(ds.signalSeconds, 3);

    expect(await page.$$eval('.param-hist', (e) => e.length)).toBe(paramNames.length);
    expect(await page.$$eval('.param-hist', (e) => e.map((x) => x.getAttribute('data-name')))).toEqual(paramNames);
    expect(await page.$$eval('.signal-hist', (e) => e.map((x) => x.getAttribute('data-kind')))).toEqual(['loudness', 'pitch', 'velocity']);
    expect(await page.$$eval('.param-hist canvas', (e) => e.length)).toBe(paramNames.length);
    expect(await page.locator('#problems').isHidden()).toBe(true);
    expect(await page.locator('#summary').innerText()).toContain('MDA JX10');
    expect(await page.locator('#run').innerText()).toMatch(/rows\/s/);

    // decoded parameters on demand
    await page.locator('.row-card details.params summary').first().click();
    // The table is built in the details' toggle handler, which runs after the click returns.
    const params = page.locator('.row-card details.params').first().locator('tr');
    await params.nth(paramNames.length - 1).waitFor({ timeout: 10_000 });
    expect(await params.count()).toBe(paramNames.length);

    const shot = artifactPath('file-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    await page.close();
  });

  it('the same dataset, rows and seed give the same report bytes; another seed shows other rows', async () => {
    const a = await writeReport(ds.dir, { out: join(TMP, 'file', 'a.html'), rows: 4, seed: 11 });
    const b = await writeReport(ds.dir, { out: join(TMP, 'file', 'b.html'), rows: 4, seed: 11 });
    const c = await writeReport(ds.dir, { out: join(TMP, 'file', 'c.html'), rows: 4, seed: 12 });
    expect(readFileSync(a.file).equals(readFileSync(b.file))).toBe(true);
    expect(readFileSync(a.file).equals(readFileSync(c.file))).toBe(false);
  });

  it('vstds report DIR writes DIR/report.html and says where', () => {
    const r = runCli(['report', ds.dir, '--rows', '2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(join(ds.dir, 'report.html'));
    expect(statSync(join(ds.dir, 'report.html')).size).toBeGreaterThan(100_000);
  });

  it('a directory of splits: counts per split, the train split shown', async () => {
    const parent = join(TMP, 'file', 'splits');
    rmSync(parent, { recursive: true, force: true });
    for (const split of ['train', 'val']) cpSync(ds.dir, join(parent, split), { recursive: true });
    const result = await writeReport(parent, { out: join(TMP, 'file', 'splits.html'), rows: 2 });
    const { page, trouble } = await openReport(browser, pathToFileURL(result.file).href);
    expect(trouble).toEqual({ consoleErrors: [], pageErrors: [], failedRequests: [] });
    expect(await page.$$eval('#splits tr', (e) => e.map((x) => x.textContent))).toEqual(['train12 rows', 'val12 rows']);
    expect(await page.locator('#summary').innerText()).toMatch(/split shown\s+train/);
    await page.close();
  });

  it('the README example runs', async () => {
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const code = /```js\n([\s\S]*?)```/.exec(readme)![1]!;
    const dir = join(ROOT, 'tmp/readme-examples');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'report.mjs');
    writeFileSync(file, code);
    const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=@vstds/source', '--import', 'tsx', file], {
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', VSTDS_DATASET_DIR: ds.dir },
      timeout: 300_000,
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe(`wrote ${join(ds.dir, 'report.html')}: 12 rows shown`);
    expect(lines[1]).toMatch(/^serving at http:\/\/127\.0\.0\.1:\d+\/ · row 11 is note \d+$/);
  });
});
