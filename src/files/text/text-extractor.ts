import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recognise, renderPage, type OcrTools } from './ocr.js';
import { pdfText } from './pdf-text.js';

/** How the text was found: plain text, the PDF's text layer, OCR, both, or none to be had. */
export type ExtractionMethod = 'plain' | 'text_layer' | 'ocr' | 'text_layer_and_ocr' | 'none';

export interface ExtractedText {
  method: ExtractionMethod;
  text: string;
}

export interface ExtractionLimits {
  maxPages: number;
  timeoutMs: number;
}

/** Kept of a file's text at most (characters); search covers this much of every file. */
export const MAX_TEXT_CHARS = 300_000;

/** All OCR of one PDF stops after this many times the single-step timeout (what was read is kept). */
export const OCR_BUDGET_STEPS = 10;

/** A page with fewer letters than this in its text layer is taken for a scan. */
const SCANNED_PAGE_LETTERS = 20;

const OCR_IMAGES = new Set(['image/png', 'image/jpeg', 'image/tiff']);
const PLAIN = new Set(['text/plain', 'message/rfc822']);

const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/** Runs of whitespace as one space or line break; control characters out; cut at the limit. */
export function tidy(text: string): string {
  return text
    .replace(/\p{Cc}/gu, (c) => (c === '\n' ? c : ' '))
    .replace(/[ \t\f\r]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, MAX_TEXT_CHARS);
}

/**
 * The searchable text of a file: plain text and e-mails as they are, the text layer of a PDF,
 * and, where OCR is available, what tesseract reads in images and in PDF pages without a text
 * layer (rendered by pdftoppm). ODT, DOCX and HEIC give no text. Every external step runs with
 * a time limit; temporary files are removed whatever happens.
 */
export class TextExtractor {
  constructor(
    private readonly tools: OcrTools,
    private readonly limits: ExtractionLimits,
  ) {}

  get ocr(): boolean {
    return this.tools.tesseract;
  }

  async extract(mediaType: string, data: Buffer): Promise<ExtractedText> {
    if (PLAIN.has(mediaType)) return { method: 'plain', text: tidy(data.toString('utf8')) };
    if (mediaType === 'application/pdf') return this.pdf(data);
    if (OCR_IMAGES.has(mediaType) && this.tools.tesseract) {
      return this.inTempDir(async (dir) => {
        const path = join(dir, 'image');
        await writeFile(path, data);
        return { method: 'ocr', text: tidy(await recognise(path, this.limits.timeoutMs)) };
      });
    }
    return { method: 'none', text: '' };
  }

  private async pdf(data: Buffer): Promise<ExtractedText> {
    const layer = await pdfText(new Uint8Array(data), {
      maxPages: this.limits.maxPages,
      timeoutMs: this.limits.timeoutMs,
    });
    const scanned = layer.pages
      .map((text, i) => ({ text, page: i + 1 }))
      .filter((p) => letters(p.text) < SCANNED_PAGE_LETTERS)
      .map((p) => p.page);
    const hasLayer = scanned.length < layer.pages.length;
    if (!scanned.length || !this.tools.tesseract || !this.tools.pdftoppm) {
      return { method: hasLayer ? 'text_layer' : 'none', text: tidy(layer.pages.join('\n')) };
    }
    const pages = [...layer.pages];
    const deadline = Date.now() + OCR_BUDGET_STEPS * this.limits.timeoutMs;
    await this.inTempDir(async (dir) => {
      const pdfPath = join(dir, 'document.pdf');
      await writeFile(pdfPath, data);
      for (const page of scanned) {
        if (Date.now() > deadline) break;
        const image = await renderPage(pdfPath, page, join(dir, 'page'), this.limits.timeoutMs);
        pages[page - 1] = await recognise(image, this.limits.timeoutMs);
        await rm(image, { force: true });
      }
    });
    return { method: hasLayer ? 'text_layer_and_ocr' : 'ocr', text: tidy(pages.join('\n')) };
  }

  private async inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'file-text-'));
    try {
      return await work(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
