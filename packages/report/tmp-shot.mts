import { launchBrowser, openReport, melImageWidths, audioDurations, artifactPath } from './test/browser';
const b = await launchBrowser();
const { page, trouble } = await openReport(b, 'file:///work/wt/report/tmp/report-test/file/report.html');
console.log(trouble, await page.evaluate(() => document.body.dataset.ready));
console.log((await melImageWidths(page)).slice(0, 4), (await audioDurations(page)).slice(0, 4));
console.log(await page.$$eval('.param-hist', (e) => e.length), await page.$$eval('.signal-hist', (e) => e.length));
await page.screenshot({ path: artifactPath('try.png'), fullPage: true });
await b.close();
