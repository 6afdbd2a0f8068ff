import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const has = (command: string, args: string[]) => spawnSync(command, args).status === 0;

/** tesseract with German and English data, as the service needs for OCR. */
export const TESSERACT =
  has('tesseract', ['--version']) &&
  /\bdeu\b[\s\S]*\beng\b|\beng\b[\s\S]*\bdeu\b/.test(
    spawnSync('tesseract', ['--list-langs']).stdout?.toString() ?? '',
  );
export const PDFTOPPM = has('pdftoppm', ['-v']);

/** A "scan": the first page of a PDF rendered to a PNG by pdftoppm (no text layer left). */
export function scan(source: Buffer, dpi = 150): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), source);
    const out = spawnSync('pdftoppm', [
      '-r',
      String(dpi),
      '-png',
      '-singlefile',
      '-gray',
      join(dir, 'in.pdf'),
      join(dir, 'page'),
    ]);
    if (out.status !== 0) throw new Error(`pdftoppm: ${out.stderr.toString()}`);
    return readFileSync(join(dir, 'page.png'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What tesseract reads on the first page of a PDF (German and English). */
export function ocrText(source: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocr-'));
  try {
    writeFileSync(join(dir, 'page.png'), scan(source, 200));
    const out = spawnSync('tesseract', [join(dir, 'page.png'), 'stdout', '-l', 'deu+eng']);
    if (out.status !== 0) throw new Error(`tesseract: ${out.stderr.toString()}`);
    return out.stdout.toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The share of dark pixels in a box (points, from the top-left) of a PDF page rendered at 1:1. */
export async function darkShare(
  bytes: Buffer,
  page: number,
  [x0, y0, x1, y1]: number[],
): Promise<number> {
  const m = await import('mupdf');
  const p = m.Document.openDocument(bytes, 'application/pdf').loadPage(page - 1);
  const pix = p.toPixmap(m.Matrix.identity, m.ColorSpace.DeviceGray, false);
  const px = pix.getPixels();
  const w = pix.getWidth();
  let dark = 0;
  let all = 0;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++) {
      all++;
      if (px[y * w + x] < 64) dark++;
    }
  return dark / all;
}
