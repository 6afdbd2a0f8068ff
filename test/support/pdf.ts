/** Helpers for tests that read the PDFs the service writes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stream } from 'node:stream';
import { inflateSync } from 'node:zlib';
import { PDFParse } from 'pdf-parse';

/** The text of every page, in order (pdf-parse 2.x, i.e. pdf.js). */
export async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

/** The text of each page, in order. */
export async function pdfPages(buffer: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    return (await parser.getText()).pages.map((p) => p.text);
  } finally {
    await parser.destroy();
  }
}

/** Whitespace removed: pdf text extraction breaks long words (hashes) over lines and table cells. */
export const squeeze = (text: string) => text.replace(/\s+/g, '');

/**
 * supertest parser that keeps the response body as bytes:
 * `agent.get(url).buffer(true).parse(binary)`.
 */
export function binary(res: Stream, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer | string) => chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
  res.on('error', (e: Error) => callback(e, Buffer.alloc(0)));
}

interface PdfObject {
  id: number;
  /** The object without its stream data (the dictionaries are never compressed by pdfkit). */
  head: string;
  /** The raw stream bytes, if the object has a stream. */
  stream: Buffer | null;
}

/** Every indirect object of a PDF written without object streams (as pdfkit writes them). */
function pdfObjects(buffer: Buffer): PdfObject[] {
  const text = buffer.toString('latin1');
  const objects: PdfObject[] = [];
  const start = /(?:^|[\r\n])(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = start.exec(text))) {
    const from = m.index + m[0].length;
    const end = text.indexOf('endobj', from);
    if (end < 0) break;
    const body = text.slice(from, end);
    const s = /\bstream\r?\n/.exec(body);
    let stream: Buffer | null = null;
    let head = body;
    if (s) {
      head = body.slice(0, s.index);
      const dataStart = from + s.index + s[0].length;
      const length = /\/Length (\d+)(?!\d| \d+ R)/.exec(head);
      const dataEnd = length ? dataStart + Number(length[1]) : from + body.lastIndexOf('endstream');
      stream = buffer.subarray(dataStart, dataEnd);
    }
    objects.push({ id: Number(m[1]), head, stream });
    start.lastIndex = end;
  }
  return objects;
}

const ref = (head: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s*\\[?\\s*(\\d+) 0 R`).exec(head);
  return m ? Number(m[1]) : null;
};

/** The standard 14 fonts every reader must have: never embedded, and without "§" or "€" beyond WinAnsi. */
const STANDARD_14 = /^(Helvetica|Times|Courier|Symbol|ZapfDingbats)/;

export interface PdfFonts {
  /** Every font dictionary (/Type /Font): its base font (subset prefix kept) and whether its glyphs are in the file. */
  fonts: { baseFont: string; subtype: string; embedded: boolean }[];
  /** Every /FontDescriptor and whether it carries a TrueType font file (/FontFile2). */
  descriptors: { fontName: string; fontFile2: boolean }[];
  /** Base fonts (without subset prefix) that are standard-14 fonts. */
  standard14: string[];
}

/** The fonts of a PDF, read from its (uncompressed) object dictionaries. */
export function pdfFonts(buffer: Buffer): PdfFonts {
  const objects = new Map(pdfObjects(buffer).map((o) => [o.id, o]));
  const name = (head: string, key: string) =>
    new RegExp(`/${key}\\s*/([^\\s/<>\\[\\]()]+)`).exec(head)?.[1] ?? '';
  const descriptorEmbeds = (id: number | null) => {
    const d = id === null ? undefined : objects.get(id);
    return !!d && /\/FontFile2\s+\d+ 0 R/.test(d.head);
  };
  const fonts: PdfFonts['fonts'] = [];
  const descriptors: PdfFonts['descriptors'] = [];
  for (const o of objects.values()) {
    if (/\/Type\s*\/FontDescriptor\b/.test(o.head))
      descriptors.push({
        fontName: name(o.head, 'FontName'),
        fontFile2: /\/FontFile2\s+\d+ 0 R/.test(o.head),
      });
    if (!/\/Type\s*\/Font(?![A-Za-z])/.test(o.head)) continue;
    const subtype = name(o.head, 'Subtype');
    let embedded: boolean;
    if (subtype === 'Type0') {
      const descendant = objects.get(ref(o.head, 'DescendantFonts') ?? -1);
      embedded = !!descendant && descriptorEmbeds(ref(descendant.head, 'FontDescriptor'));
    } else {
      embedded = descriptorEmbeds(ref(o.head, 'FontDescriptor'));
    }
    fonts.push({ baseFont: name(o.head, 'BaseFont'), subtype, embedded });
  }
  const standard14 = fonts
    .map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, ''))
    .filter((f) => STANDARD_14.test(f));
  return { fonts, descriptors, standard14 };
}

/** The header line and whether the file ends with %%EOF (and a line end at most). */
export function pdfHeader(buffer: Buffer): { header: string; eof: boolean } {
  const first = buffer
    .subarray(0, 16)
    .toString('latin1')
    .split(/[\r\n]/)[0];
  const tail = buffer.subarray(Math.max(0, buffer.length - 16)).toString('latin1');
  return { header: first, eof: /%%EOF\s*$/.test(tail) };
}

/** Whether the file claims PDF/A conformance: a pdfaid entry in its XMP metadata (compressed or not). */
export function claimsPdfA(buffer: Buffer): boolean {
  if (/pdfaid/i.test(buffer.toString('latin1'))) return true;
  for (const o of pdfObjects(buffer)) {
    if (!o.stream || !/\/FlateDecode/.test(o.head)) continue;
    try {
      if (/pdfaid/i.test(inflateSync(o.stream).toString('latin1'))) return true;
    } catch {
      // not a zlib stream after all
    }
  }
  return false;
}

/**
 * `qpdf --check` of the file: its exit code (0: clean, 2: errors, 3: warnings) and output; null
 * without qpdf, unless REQUIRE_QPDF=1 (CI installs qpdf and sets it), where a missing qpdf fails.
 */
export function qpdfCheck(buffer: Buffer): { code: number; output: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'qpdf-'));
  try {
    const file = join(dir, 'check.pdf');
    writeFileSync(file, buffer);
    const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8', timeout: 30_000 });
    if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (process.env.REQUIRE_QPDF === '1')
        throw new Error('REQUIRE_QPDF=1 but qpdf is not installed');
      return null;
    }
    if (run.error) throw run.error;
    return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One element of a PDF's structure tree, as qpdf reads it. */
export interface StructElement {
  /** The structure type: Document, H1, P, Table, TH, Figure, … */
  type: string;
  alt?: string;
  /** A table header cell's scope (Row, Column), from its Table attributes. */
  scope?: string;
  /** How many marked-content sequences on pages belong to the element itself. */
  contents: number;
  children: StructElement[];
}

export interface PdfTagging {
  /** /MarkInfo /Marked of the catalog. */
  marked: boolean;
  /** /Lang of the catalog. */
  lang: string | null;
  /** /ViewerPreferences /DisplayDocTitle. */
  displayDocTitle: boolean;
  /** Whether every page has /StructParents (its marked content is in the parent tree). */
  pagesInParentTree: boolean;
  /** The StructTreeRoot's children; null when the file has no structure tree. */
  tree: StructElement[] | null;
}

type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/**
 * The tagging of a PDF, read by qpdf (`qpdf --json=2`): the catalog's /MarkInfo, /Lang and
 * /StructTreeRoot, walked down to the marked content. null without qpdf, unless REQUIRE_QPDF=1.
 */
export function pdfTagging(buffer: Buffer): PdfTagging | null {
  const dir = mkdtempSync(join(tmpdir(), 'qpdf-'));
  let objects: Record<string, { value?: QpdfValue }>;
  try {
    const file = join(dir, 'tags.pdf');
    writeFileSync(file, buffer);
    const run = spawnSync(
      'qpdf',
      ['--json=2', '--json-key=qpdf', '--json-stream-data=none', file, '-'],
      {
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') {
      if (process.env.REQUIRE_QPDF === '1')
        throw new Error('REQUIRE_QPDF=1 but qpdf is not installed');
      return null;
    }
    if (run.error) throw run.error;
    if (run.status !== 0) throw new Error(`qpdf --json failed (${run.status}): ${run.stderr}`);
    objects = (JSON.parse(run.stdout) as { qpdf: [unknown, Record<string, { value?: QpdfValue }>] })
      .qpdf[1];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  type Dict = { [key: string]: QpdfValue };
  const resolve = (v: QpdfValue | undefined): QpdfValue | undefined =>
    typeof v === 'string' && /^\d+ \d+ R$/.test(v) ? objects[`obj:${v}`]?.value : v;
  const dict = (v: QpdfValue | undefined): Dict | undefined => {
    const r = resolve(v);
    return r && typeof r === 'object' && !Array.isArray(r) ? r : undefined;
  };
  const text = (v: QpdfValue | undefined): string | undefined => {
    const r = resolve(v);
    if (typeof r !== 'string') return undefined;
    if (r.startsWith('u:')) return r.slice(2);
    if (r.startsWith('b:')) {
      const bytes = Buffer.from(r.slice(2), 'hex');
      if (bytes[0] === 0xfe && bytes[1] === 0xff)
        return bytes.subarray(2).swap16().toString('utf16le');
      return bytes.toString('latin1');
    }
    return undefined;
  };
  const name = (v: QpdfValue | undefined) => {
    const r = resolve(v);
    return typeof r === 'string' && r.startsWith('/') ? r.slice(1) : undefined;
  };
  const list = (v: QpdfValue | undefined): QpdfValue[] => {
    const r = resolve(v);
    return r === undefined || r === null ? [] : Array.isArray(r) ? r : [v as QpdfValue];
  };

  const element = (d: Dict): StructElement => {
    const node: StructElement = { type: name(d['/S']) ?? '?', contents: 0, children: [] };
    const alt = text(d['/Alt']);
    if (alt !== undefined) node.alt = alt;
    for (const a of list(d['/A'])) {
      const scope = name(dict(a)?.['/Scope']);
      if (scope) node.scope = scope;
    }
    for (const kid of list(d['/K'])) {
      if (typeof kid === 'number') node.contents++;
      else {
        const k = dict(kid);
        if (!k) continue;
        if (name(k['/Type']) === 'MCR') node.contents++;
        else if (k['/S'] !== undefined) node.children.push(element(k));
      }
    }
    return node;
  };

  const trailer = objects.trailer?.value as Dict;
  const catalog = dict(trailer['/Root'])!;
  const treeRoot = dict(catalog['/StructTreeRoot']);
  const pagesRoot = dict(catalog['/Pages'])!;
  const pages: Dict[] = [];
  const collect = (node: Dict) => {
    if (name(node['/Type']) === 'Page') pages.push(node);
    else for (const kid of list(node['/Kids'])) collect(dict(kid)!);
  };
  collect(pagesRoot);
  return {
    marked: dict(catalog['/MarkInfo'])?.['/Marked'] === true,
    lang: text(catalog['/Lang']) ?? null,
    displayDocTitle: dict(catalog['/ViewerPreferences'])?.['/DisplayDocTitle'] === true,
    pagesInParentTree:
      pages.length > 0 && pages.every((p) => typeof resolve(p['/StructParents']) === 'number'),
    tree: treeRoot ? list(treeRoot['/K']).map((k) => element(dict(k)!)) : null,
  };
}

/** Every element of a structure tree, depth first. */
export function structElements(tree: StructElement[]): StructElement[] {
  return tree.flatMap((e) => [e, ...structElements(e.children)]);
}
