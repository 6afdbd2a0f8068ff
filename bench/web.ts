/**
 * npm run bench:web: what a browser downloads to show the web app's first screen, gzip-compressed
 * as it travels, against the target (≤ 250 kB of JavaScript); and the lazily loaded chunks. Then
 * the case list in headless Chromium over 10,000 cases on the embedded database (bench/web-list.ts;
 * BENCH_WEB_LIST=off leaves it out).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { webDistDir } from '../src/web/web-app.js';
import { ensureWebBuilt } from '../src/web/web-build.js';
import { measureCaseList } from './web-list.js';

const TARGET_INITIAL_JS_KB = 250;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

ensureWebBuilt();
const dir = webDistDir();
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const initial = new Set(
  [...html.matchAll(/(?:src|href)="\/app\/(assets\/[^"]+)"/g)].map((m) => m[1]!),
);
const gz = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
const sum = (files: string[]) => files.reduce((total, f) => total + gz(f), 0);

const initialJs = [...initial].filter((f) => f.endsWith('.js'));
const initialCss = [...initial].filter((f) => f.endsWith('.css'));
const lazy = readdirSync(join(dir, 'assets'))
  .map((f) => `assets/${f}`)
  .filter((f) => f.endsWith('.js') && !initial.has(f));
const js = sum(initialJs);
console.log(
  `web app, initial JavaScript: ${kb(js)} gzip in ${initialJs.length} files (target ≤ ${TARGET_INITIAL_JS_KB} kB: ${js <= TARGET_INITIAL_JS_KB * 1024 ? 'met' : 'MISSED'})`,
);
console.log(`web app, initial CSS: ${kb(sum(initialCss))} gzip`);
for (const f of lazy.sort((a, b) => gz(b) - gz(a)))
  console.log(`  loaded on demand: ${f.replace(/^assets\//, '')} ${kb(gz(f))}`);

if (process.env.BENCH_WEB_LIST !== 'off') {
  console.log('');
  await measureCaseList();
}
