import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, installed by tools/setup (never a downloaded browser). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'];

export const ARTIFACTS = resolve(fileURLToPath(new URL('../../../tmp/report-test', import.meta.url)));

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A headless Chromium with a fresh profile directory, removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'vstds-report-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS /* the fresh profile goes in as --user-data-dir */, viewport: { width: 1400, height: 1000 } });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What a page load did wrong: console errors, uncaught exceptions, failed or refused requests. */
export interface PageTrouble {
  consoleErrors: string[];
  pageErrors: string[];
  failedRequests: string[];
}

export async function openReport(browser: Browser, url: string): Promise<{ page: Page; trouble: PageTrouble }> {
  const page = await browser.context.newPage();
  const trouble: PageTrouble = { consoleErrors: [], pageErrors: [], failedRequests: [] };
  page.on('console', (m) => { if (m.type() === 'error') trouble.consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => trouble.pageErrors.push(e.message));
  page.on('requestfailed', (r) => trouble.failedRequests.push(`${r.url().slice(0, 120)}: ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) trouble.failedRequests.push(`${r.url()}: HTTP ${r.status()}`); });
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.waitForFunction(() => document.body.dataset.ready === 'yes' || document.body.dataset.ready === 'error', undefined, { timeout: 180_000 });
  return { page, trouble };
}

/** naturalWidth of every mel image, once each has finished decoding. */
export async function melImageWidths(page: Page): Promise<number[]> {
  return page.$$eval('img.mel', (imgs) => Promise.all((imgs as HTMLImageElement[]).map((i) => i.decode().then(() => i.naturalWidth, () => 0))));
}

/** duration of every row's audio element, once its metadata has loaded. */
export async function audioDurations(page: Page): Promise<number[]> {
  return page.$$eval('audio.row-audio', (els) =>
    Promise.all(
      (els as HTMLAudioElement[]).map(
        (a) =>
          new Promise<number>((done) => {
            if (a.readyState >= 1) return done(a.duration);
            a.addEventListener('loadedmetadata', () => done(a.duration), { once: true });
            a.addEventListener('error', () => done(-1), { once: true });
          }),
      ),
    ),
  );
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
