import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkedDatasetReader } from '@vstds/reader';
import { PortInUseError, serveReport, type ReportServer } from '../src/index';
import { artifactPath, audioDurations, launchBrowser, melImageWidths, openReport, type Browser } from './browser';
import { BIN, generateDataset, runCli, type DatasetFixture } from './make-dataset';

const ROWS = 6;
let ds: DatasetFixture;
let browser: Browser;
let server: ReportServer;
let paramNames: string[];

beforeAll(async () => {
  ds = generateDataset('serve', 'nekobi', 10, 5);
  const r = await ChunkedDatasetReader.open(ds.dir);
  paramNames = r.getDatasetInfo().param_names;
  r.close();
  server = await serveReport(ds.dir, { port: 0, rows: ROWS, seed: 5 });
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('served report (Nekobi VST3, real Chromium)', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('loads with no console errors or failed requests; rows fetched lazily decode and play for the signal duration', async () => {
    const { page, trouble } = await openReport(browser, server.url);
    expect(await page.evaluate(() => document.body.dataset.ready)).toBe('yes');
    const widths = await melImageWidths(page);
    expect(widths).toHaveLength(ROWS * 2);
    for (const w of widths) expect(w).toBeGreaterThan(0);
    const durations = await audioDurations(page);
    expect(durations).toHaveLength(ROWS);
    for (const d of durations) expect(d).toBeCloseTo(ds.signalSeconds, 3);
    expect(await page.$$eval('.param-hist', (e) => e.map((x) => x.getAttribute('data-name')))).toEqual(paramNames);
    expect(await page.$$eval('.signal-hist', (e) => e.length)).toBe(3);
    // the served page's images and audio come from the server, not inlined
    expect(await page.$$eval('img.mel', (e) => e.every((i) => (i as HTMLImageElement).src.startsWith('http://127.0.0.1')))).toBe(true);

    // decoded parameters are fetched on demand
    await page.locator('#rows .row-card details.params summary').first().click();
    await page.locator('#rows .row-card details.params table').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('#rows .row-card details.params').first().locator('tr').count()).toBe(paramNames.length);

    // any row by global id
    await page.fill('#lookup-id', '7');
    await page.click('#lookup button');
    const looked = page.locator('#looked-up .row-card[data-id="7"]');
    await looked.waitFor({ timeout: 60_000 });
    expect(await looked.locator('img.mel').evaluateAll((imgs) => Promise.all((imgs as HTMLImageElement[]).map((i) => i.decode().then(() => i.naturalWidth))))).toEqual([expect.any(Number), expect.any(Number)]);
    expect(await looked.locator('header').innerText()).toContain('row 7');
    // an id that is not there: one message, no crash
    await page.fill('#lookup-id', '10');
    await page.click('#lookup button');
    await page.locator('#lookup-msg').filter({ hasText: 'row 10' }).waitFor({ timeout: 60_000 });

    expect(trouble.pageErrors).toEqual([]);
    // the deliberate miss above is the only failed request (a 404 the page reports)
    expect(trouble.failedRequests.filter((r) => !r.includes('/api/rows/10:'))).toEqual([]);
    expect(trouble.consoleErrors.filter((m) => !m.includes('404'))).toEqual([]);
    await page.screenshot({ path: artifactPath('served-report.png'), fullPage: true });
    await page.close();
  });

  it('answers row requests by global id, with the dataset’s bytes', async () => {
    const r = await fetch(`${server.url}api/rows/3`);
    expect(r.status).toBe(200);
    const card = (await r.json()) as { id: number; midi_note: number; mel: string[] };
    const reader = await ChunkedDatasetReader.open(ds.dir);
    const s = await reader.getSample(3);
    reader.close();
    expect(card.id).toBe(3);
    expect(card.midi_note).toBe(s.midi_note);
    const wav = new Uint8Array(await (await fetch(`${server.url}api/rows/3/audio.wav`)).arrayBuffer());
    expect(wav.length).toBe(44 + s.audio.length * s.audio[0]!.length * 2);
    const part = await fetch(`${server.url}api/rows/3/audio.wav`, { headers: { range: 'bytes=0-43' } });
    expect(part.status).toBe(206);
    expect((await part.arrayBuffer()).byteLength).toBe(44);
    const missing = await fetch(`${server.url}api/rows/999`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/row 999: expected a global id held by a readable chunk/);
  });

  it('a port in use: PortInUseError from the API, one line and exit 2 from the CLI', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(serveReport(ds.dir, { port })).rejects.toBeInstanceOf(PortInUseError);
      const r = runCli(['report', ds.dir, '--serve', '--port', String(port)]);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('vstds report --serve prints its URL, serves the page and stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [BIN, 'report', ds.dir, '--serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code} before serving: ${out}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="report-data"');
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
