/**
 * Builds the web app into dist/web/ when its sources changed since the last build (`npm start` runs
 * this, so a fresh clone serves the app and an unchanged one starts at once). --force: build anyway.
 */
import { ensureWebBuilt } from '../web/web-build.js';

console.log(
  ensureWebBuilt({ force: process.argv.includes('--force') })
    ? 'Built the web app into dist/web.'
    : 'The web app is up to date.',
);
