#!/usr/bin/env node
// Sums the per-package vitest JSON reports into the closing line CI reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'tmp/test-reports';
let passed = 0;
let failed = 0;
let skipped = 0;
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  console.error(`test-summary: no reports in ${dir}`);
}
// The slowest test files of the run (wall time), so the next cut of the test time starts from data.
const timed = [];
for (const f of files) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  for (const t of r.testResults ?? []) {
    if (t.startTime && t.endTime) timed.push({ file: t.name.split('/packages/').pop(), s: (t.endTime - t.startTime) / 1000 });
  }
}
if (timed.length > 0) {
  console.log('slowest test files (wall s):');
  for (const t of timed.sort((a, b) => b.s - a.s).slice(0, 12)) console.log(`  ${t.s.toFixed(1).padStart(6)}  ${t.file}`);
}
for (const f of files) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) failed += r.numFailedTestSuites;
  console.log(`  ${f.replace(/\.json$/, '')}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}
// pytest's JUnit XML (python/): totals from each <testsuite> element.
let xmlReports = [];
try {
  xmlReports = readdirSync(dir).filter((n) => n.endsWith('.xml'));
} catch {
  // no reports at all: reported above
}
for (const f of xmlReports) {
  const xml = readFileSync(join(dir, f), 'utf8');
  let p = 0;
  let x = 0;
  for (const m of xml.matchAll(/<testsuite\b([^>]*)>/g)) {
    const attr = (k) => Number(new RegExp(`\\b${k}="(\\d+)"`).exec(m[1])?.[1] ?? 0);
    const bad = attr('failures') + attr('errors');
    skipped += attr('skipped');
    x += bad;
    p += attr('tests') - bad - attr('skipped');
  }
  passed += p;
  failed += x;
  console.log(`  ${f.replace(/\.xml$/, '')}: ${p} passed, ${x} failed`);
}
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
