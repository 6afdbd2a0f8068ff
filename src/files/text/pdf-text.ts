import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** The text layer of each page read (empty for a page without one: a scan). */
export interface PdfText {
  pages: string[];
  pageCount: number;
}

/**
 * Runs in a worker thread: PDF.js (the legacy build, for Node) reads the text layer page by
 * page. A worker, not the service's own thread, so that a hostile PDF can neither block the event
 * loop nor take the heap down with it: the worker has its own memory limit and is terminated
 * when it runs out of time.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const pdfjs = await import(workerData.pdfjs);
  const task = pdfjs.getDocument({
    data: workerData.data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  const doc = await task.promise;
  const pages = [];
  const last = Math.min(doc.numPages, workerData.maxPages);
  for (let n = 1; n <= last; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    let text = '';
    for (const item of content.items) {
      if (typeof item.str === 'string') text += item.str + (item.hasEOL ? '\\n' : ' ');
    }
    pages.push(text);
    page.cleanup();
  }
  parentPort.postMessage({ pages, pageCount: doc.numPages });
  await task.destroy();
})().catch((e) => parentPort.postMessage({ error: String((e && e.message) || e) }));
`;

let pdfjsUrl: string | undefined;
const pdfjsLocation = () =>
  (pdfjsUrl ??= pathToFileURL(
    createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs'),
  ).href);

/**
 * The text layer of the first `maxPages` pages of a PDF. Rejects when the PDF cannot be read,
 * when reading takes longer than `timeoutMs` or needs more than `maxHeapMb` of memory.
 */
export function pdfText(
  data: Uint8Array,
  limits: { maxPages: number; timeoutMs: number; maxHeapMb?: number },
): Promise<PdfText> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { pdfjs: pdfjsLocation(), data, maxPages: limits.maxPages },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb ?? 256 },
      stdout: true,
      stderr: true,
    });
    // PDF.js warns on stdout about fonts and broken objects: nothing for the service's log.
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no text layer within ${limits.timeoutMs} ms`))),
      limits.timeoutMs,
    );
    worker.on('message', (m: { pages?: string[]; pageCount?: number; error?: string }) =>
      finish(() =>
        m.error !== undefined || !m.pages
          ? reject(new Error(`unreadable PDF: ${m.error ?? 'no pages'}`))
          : resolve({ pages: m.pages, pageCount: m.pageCount ?? m.pages.length }),
      ),
    );
    worker.on('error', (e) => finish(() => reject(e)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`the PDF reader stopped (exit code ${code})`))),
    );
  });
}
