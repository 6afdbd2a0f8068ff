import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';

const has = (command: string, args: string[]) => spawnSync(command, args).status === 0;

/** tesseract with German and English data, as the service needs for OCR. */
export const TESSERACT =
  has('tesseract', ['--version']) &&
  /\bdeu\b[\s\S]*\beng\b|\beng\b[\s\S]*\bdeu\b/.test(
    spawnSync('tesseract', ['--list-langs']).stdout?.toString() ?? '',
  );
export const PDFTOPPM = has('pdftoppm', ['-v']);

/** A PDF made with pdfkit, its words in large type; `image` puts a PNG on the page instead. */
export function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    draw(doc);
    doc.end();
  });
}

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
