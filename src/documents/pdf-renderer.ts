import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Lexer, type Token, type Tokens } from 'marked';
import PDFDocument from 'pdfkit';
import type { Language } from '../i18n/languages.js';
import { hyphenateToWidth } from './hyphenation.js';

/**
 * Markdown (as the templates produce it) to PDF with pdfkit.
 *
 * Every glyph is set in DejaVu, embedded (subset) in the file: pdfkit's built-in Helvetica is
 * never embedded and has no "§" beyond Latin-1. Supported: headings (#, ##, ###), paragraphs with
 * **bold**, *italic* and `code` (monospace, for hashes), lists, tables, rules, block quotes, and
 * two fenced blocks of our own: ```chart (a horizontal bar chart drawn as vectors) and
 * ```signatures (lines to sign on). Pages carry a header and a numbered footer.
 *
 * The files are tagged, so that screen readers can follow them: a structure tree (headings, P,
 * lists, tables with header cells, figures with alternative text) and the document language;
 * page headers, footers and rules are marked as artifacts. Every drawing call runs inside
 * exactly one marked-content sequence: a structure element's (see tag()) or an artifact's.
 *
 * The files claim neither PDF/A nor PDF/UA: without a validator here we cannot show that they
 * conform.
 */

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = {
  body: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;
type Struct = PDFKit.PDFStructureElement;
/** pdfkit 0.20 takes `scope` (table header cells) and `bbox` (figures), which its typings lack. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & {
  scope?: 'Row' | 'Column';
  bbox?: [number, number, number, number];
};
let fontBytes: Record<FontName, Buffer> | null = null;
function fonts() {
  fontBytes ??= Object.fromEntries(
    Object.entries(FONT_FILES).map(([name, file]) => [name, readFileSync(join(FONT_DIR, file))]),
  ) as Record<FontName, Buffer>;
  return fontBytes;
}

export interface PdfFrame {
  title: string;
  subject: string;
  author: string;
  language: Language;
  createdAt: Date;
  /** Printed at the top of every page: left (e.g. the organisation) and right (e.g. case and confidentiality). */
  header: { left: string; right: string; rightColor?: string };
  /** Printed at the bottom left of every page; the page number goes to the right. */
  footer: string;
  /** PNG or JPEG, at the top of the first page. */
  logo?: Buffer | null;
  /** Keywords for the document properties. */
  keywords?: string;
}

const INK = '#1a1a1a';
const MUTED = '#5a5a5a';
const RULE = '#b8b8b8';
const ACCENT = '#1f4e79';
const ACCENT_LIGHT = '#a9c3dd';
const FILL = '#eef2f6';

const PAGE = { size: 'A4' as const, top: 76, bottom: 64, left: 60, right: 60 };
const SIZE = { body: 10, small: 8.5, h1: 18, h2: 13, h3: 11, table: 8.5 };

interface Segment {
  text: string;
  font: FontName;
}

const PAGE_WORD: Record<Language, string> = { en: 'Page', de: 'Seite' };

/** Renders the Markdown into a new PDF and ends it; the returned document is a stream of the file. */
export function renderPdf(markdown: string, frame: PdfFrame): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    autoFirstPage: false,
    bufferPages: false,
    compress: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: frame.language === 'de' ? 'de-DE' : 'en-GB',
    displayTitle: true,
    info: {
      Title: frame.title,
      Subject: frame.subject,
      Author: frame.author,
      Keywords: frame.keywords ?? '',
      Creator: 'Seizure case tracker',
      Producer: 'Seizure case tracker (pdfkit)',
      CreationDate: frame.createdAt,
      ModDate: frame.createdAt,
    },
  });
  void writeBody(doc, markdown, frame).then(
    () => doc.end(),
    (e: unknown) => doc.destroy(e instanceof Error ? e : new Error(String(e))),
  );
  return doc;
}

/** The whole PDF as one buffer (for snapshots that are stored). */
export function renderPdfBuffer(markdown: string, frame: PdfFrame): Promise<Buffer> {
  const doc = renderPdf(markdown, frame);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

async function writeBody(doc: PDFKit.PDFDocument, markdown: string, frame: PdfFrame) {
  const f = fonts();
  for (const name of Object.keys(FONT_FILES) as FontName[]) doc.registerFont(name, f[name]);
  let pageNumber = 0;
  doc.on('pageAdded', () => {
    pageNumber += 1;
    decoratePage(doc, frame, pageNumber);
  });
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  if (frame.logo) logo(doc, root, frame);
  const tokens = new Lexer({ gfm: true }).lex(markdown);
  let i = 0;
  for (const token of tokens) {
    block(doc, root, token, frame);
    // Let the consumer read what is written so far: a long document never sits whole in memory.
    if (++i % 25 === 0) await yieldToEventLoop();
  }
  root.end();
}

const LOGO_ALT: Record<Language, (organisation: string) => string> = {
  en: (o) => `Logo of ${o}`,
  de: (o) => `Logo von ${o}`,
};

function logo(doc: PDFKit.PDFDocument, parent: Struct, frame: PdfFrame) {
  // Opened first, so that an unreadable logo leaves no empty figure behind (pdfkit 0.20 has
  // openImage(), its typings do not; image() takes what it returns).
  let image: Buffer;
  try {
    image = (doc as unknown as { openImage(src: Buffer): Buffer }).openImage(frame.logo!);
  } catch {
    // An unreadable logo is left out; the configuration check has already looked at its header.
    return;
  }
  tag(doc, parent, 'Figure', () => doc.image(image, PAGE.left, PAGE.top, { fit: [140, 48] }), {
    alt: LOGO_ALT[frame.language](frame.author),
  });
  doc.y = PAGE.top + 56;
}

// ------------------------------------------------------------------------------------------
// Tagging

/**
 * A new structure element of `type` under `parent`, whose content is what `draw` puts on the
 * page. `draw` must not start a page itself (call ensureSpace() first); text that flows onto the
 * next page is continued by pdfkit, marks and all.
 */
function tag(
  doc: PDFKit.PDFDocument,
  parent: Struct,
  type: string,
  draw: () => void,
  options: StructOptions = {},
) {
  parent.add(doc.struct(type, options, [draw]));
}

/** A structure element that holds other elements: add to it, then end() it. */
function container(
  doc: PDFKit.PDFDocument,
  parent: Struct,
  type: string,
  options: StructOptions = {},
) {
  const element = doc.struct(type, options);
  parent.add(element);
  return element;
}

/** Drawing that is no content (rules, backgrounds, repeated table headers): an artifact. */
function artifact(
  doc: PDFKit.PDFDocument,
  draw: () => void,
  type: 'Layout' | 'Pagination' = 'Layout',
  attached?: string[],
) {
  doc.markContent('Artifact', attached ? { type, attached } : { type });
  draw();
  doc.endMarkedContent();
}

function contentWidth(doc: PDFKit.PDFDocument) {
  return doc.page.width - PAGE.left - PAGE.right;
}

function bottomLimit(doc: PDFKit.PDFDocument) {
  return doc.page.height - PAGE.bottom;
}

/** Starts a new page unless `height` points still fit on this one. */
function ensureSpace(doc: PDFKit.PDFDocument, height: number) {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

function decoratePage(doc: PDFKit.PDFDocument, frame: PdfFrame, page: number) {
  const { x, y } = doc;
  const width = contentWidth(doc);
  const bottom = doc.page.margins.bottom;
  doc.page.margins.bottom = 0; // writing into the margin must not start another page
  const oneLine = { lineBreak: false, ellipsis: true, height: SIZE.small * 1.2 };
  doc.markContent('Artifact', { type: 'Pagination', attached: ['Top'] });
  doc.font('body').fontSize(SIZE.small).fillColor(MUTED);
  // The right part (confidentiality, state) is never cut; the left one gets the rest of the line.
  doc.font('bold').fontSize(SIZE.small);
  const rightWidth = Math.min(doc.widthOfString(frame.header.right) + 2, width * 0.6);
  doc.font('body').fontSize(SIZE.small).fillColor(MUTED);
  doc.text(frame.header.left, PAGE.left, 32, { width: width - rightWidth - 12, ...oneLine });
  doc
    .font('bold')
    .fillColor(frame.header.rightColor ?? MUTED)
    .text(frame.header.right, PAGE.left + width - rightWidth, 32, {
      width: rightWidth,
      align: 'right',
      ...oneLine,
    });
  doc
    .moveTo(PAGE.left, 48)
    .lineTo(PAGE.left + width, 48)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.endMarkedContent();
  const footerY = doc.page.height - 44;
  doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
  doc
    .moveTo(PAGE.left, footerY - 6)
    .lineTo(PAGE.left + width, footerY - 6)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.font('body').fontSize(SIZE.small).fillColor(MUTED);
  doc.text(frame.footer, PAGE.left, footerY, { width: width * 0.8, ...oneLine });
  doc.text(`${PAGE_WORD[frame.language]} ${page}`, PAGE.left + width * 0.8, footerY, {
    width: width * 0.2,
    align: 'right',
    lineBreak: false,
  });
  doc.endMarkedContent();
  doc.page.margins.bottom = bottom;
  doc.fillColor(INK);
  doc.x = x;
  doc.y = y;
}

// ------------------------------------------------------------------------------------------
// Blocks

function block(doc: PDFKit.PDFDocument, parent: Struct, token: Token, frame: PdfFrame) {
  switch (token.type) {
    case 'heading':
      return heading(doc, parent, token as Tokens.Heading);
    case 'paragraph':
      return paragraph(doc, parent, segments((token as Tokens.Paragraph).tokens), SIZE.body);
    case 'text':
      return paragraph(doc, parent, segments((token as Tokens.Text).tokens ?? [token]), SIZE.body);
    case 'list':
      return list(doc, parent, token as Tokens.List);
    case 'table':
      return table(doc, parent, token as Tokens.Table, frame.language);
    case 'hr':
      return rule(doc);
    case 'blockquote':
      return quote(doc, parent, token as Tokens.Blockquote, frame);
    case 'code': {
      const code = token as Tokens.Code;
      if (code.lang === 'chart') return chart(doc, parent, unescape(code.text), frame.language);
      if (code.lang === 'signatures') return signatures(doc, parent, unescape(code.text));
      return monoBlock(doc, parent, code.text);
    }
    case 'space':
      return;
    default:
      if ('text' in token && typeof token.text === 'string')
        return paragraph(doc, parent, [{ text: token.text, font: 'body' }], SIZE.body);
  }
}

function heading(doc: PDFKit.PDFDocument, parent: Struct, token: Tokens.Heading) {
  const size = token.depth === 1 ? SIZE.h1 : token.depth === 2 ? SIZE.h2 : SIZE.h3;
  const text = plain(token.tokens);
  const before = token.depth === 1 ? 4 : token.depth === 2 ? 12 : 8;
  // Keep a heading with at least three lines of what follows.
  ensureSpace(doc, before + size * 1.4 + (token.depth === 2 ? 110 : SIZE.body * 4));
  doc.y += before;
  // Markdown goes deeper than three levels; the look (and the tag) stops at H3.
  tag(doc, parent, `H${Math.min(token.depth, 3)}`, () =>
    doc
      .font('bold')
      .fontSize(size)
      .fillColor(token.depth === 1 ? INK : ACCENT)
      .text(text, PAGE.left, doc.y, { width: contentWidth(doc) }),
  );
  if (token.depth === 2) {
    artifact(doc, () =>
      doc
        .moveTo(PAGE.left, doc.y + 1)
        .lineTo(PAGE.left + contentWidth(doc), doc.y + 1)
        .lineWidth(0.6)
        .strokeColor(ACCENT_LIGHT)
        .stroke(),
    );
  }
  doc.fillColor(INK);
  doc.y += token.depth === 1 ? 8 : 5;
}

/** Text runs in their fonts, flowing from (x, doc.y); the caller has made room and opened a mark. */
function runs(
  doc: PDFKit.PDFDocument,
  parts: Segment[],
  size: number,
  x: number,
  width: number,
  color: string,
) {
  doc.fontSize(size).fillColor(color);
  doc.x = x;
  parts.forEach((part, i) => {
    doc.font(part.font);
    const options = { width, continued: i < parts.length - 1, lineGap: 1.5 };
    if (i === 0) doc.text(part.text, x, doc.y, options);
    else doc.text(part.text, options);
  });
  doc.fillColor(INK);
}

function paragraph(
  doc: PDFKit.PDFDocument,
  parent: Struct,
  parts: Segment[],
  size: number,
  x = PAGE.left,
  width = contentWidth(doc),
  color = INK,
) {
  if (!parts.length) return;
  ensureSpace(doc, size * 2.4);
  tag(doc, parent, 'P', () => runs(doc, parts, size, x, width, color));
  doc.x = PAGE.left;
  doc.y += size * 0.6;
}

/** L > LI > (Lbl, LBody); a nested list goes into the LBody of its item. */
function list(doc: PDFKit.PDFDocument, parent: Struct, token: Tokens.List, depth = 0) {
  const indent = PAGE.left + 14 + depth * 14;
  const width = contentWidth(doc) - (indent - PAGE.left) - 12;
  const l = container(doc, parent, 'L');
  token.items.forEach((item, n) => {
    const bullet = token.ordered ? `${Number(token.start || 1) + n}.` : '•';
    const inline: Token[] = [];
    const nested: Tokens.List[] = [];
    for (const t of item.tokens) {
      if (t.type === 'list') nested.push(t as Tokens.List);
      else if ('tokens' in t && t.tokens)
        inline.push(...t.tokens, { type: 'br', raw: '\n' } as Token);
      else inline.push(t);
    }
    if (inline.at(-1)?.type === 'br') inline.pop();
    ensureSpace(doc, SIZE.body * 2.4);
    const li = container(doc, l, 'LI');
    const y = doc.y;
    tag(doc, li, 'Lbl', () =>
      doc
        .font('body')
        .fontSize(SIZE.body)
        .fillColor(INK)
        .text(bullet, indent - 12, y, { width: 12, lineBreak: false }),
    );
    doc.y = y;
    const body = container(doc, li, 'LBody');
    const parts = segments(inline);
    if (parts.length) {
      tag(doc, body, 'P', () => runs(doc, parts, SIZE.body, indent, width, INK));
      doc.x = PAGE.left;
      doc.y += SIZE.body * 0.6;
    }
    doc.y -= SIZE.body * 0.35;
    for (const sub of nested) list(doc, body, sub, depth + 1);
    body.end();
    li.end();
  });
  l.end();
  doc.y += SIZE.body * 0.4;
}

function rule(doc: PDFKit.PDFDocument) {
  ensureSpace(doc, 14);
  doc.y += 4;
  artifact(doc, () =>
    doc
      .moveTo(PAGE.left, doc.y)
      .lineTo(PAGE.left + contentWidth(doc), doc.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke(),
  );
  doc.y += 8;
}

function quote(doc: PDFKit.PDFDocument, parent: Struct, token: Tokens.Blockquote, frame: PdfFrame) {
  const x = PAGE.left + 14;
  const width = contentWidth(doc) - 14;
  const blockQuote = container(doc, parent, 'BlockQuote');
  for (const t of token.tokens) {
    const startY = doc.y;
    const startPage = doc.page;
    if (t.type === 'paragraph')
      paragraph(
        doc,
        blockQuote,
        segments((t as Tokens.Paragraph).tokens),
        SIZE.body + 0.5,
        x,
        width,
      );
    else block(doc, blockQuote, t, frame);
    if (doc.page === startPage) {
      artifact(doc, () =>
        doc
          .moveTo(PAGE.left + 3, startY)
          .lineTo(PAGE.left + 3, doc.y - SIZE.body * 0.6)
          .lineWidth(2)
          .strokeColor(ACCENT_LIGHT)
          .stroke(),
      );
    }
  }
  blockQuote.end();
}

function monoBlock(doc: PDFKit.PDFDocument, parent: Struct, text: string) {
  ensureSpace(doc, SIZE.small * 3);
  tag(doc, parent, 'P', () =>
    doc
      .font('mono')
      .fontSize(SIZE.small)
      .fillColor(INK)
      .text(text, PAGE.left, doc.y, {
        width: contentWidth(doc),
        lineGap: 1,
      }),
  );
  doc.y += SIZE.small;
}

// ------------------------------------------------------------------------------------------
// Tables

/**
 * Table > TR > TH/TD. Header cells are TH for their column; when the first column has no
 * heading (a list of label and value, or figures by label), its cells are TH for their row. A
 * header row repeated on a new page is an artifact: the structure has it once.
 */
function table(doc: PDFKit.PDFDocument, parent: Struct, token: Tokens.Table, language: Language) {
  const width = contentWidth(doc);
  const columns = token.header.length;
  const header = token.header.map((c) => cellText(c.tokens));
  const rows = token.rows.map((r) => r.map((c) => cellText(c.tokens)));
  const aligns = token.align.map((a) =>
    a === 'right' ? 'right' : a === 'center' ? 'center' : 'left',
  );

  const pad = 4;
  // A table whose header cells are all empty (a list of label and value) has no header row.
  const hasHeader = header.some((h) => h.text.trim() !== '');
  // A first column without a heading of its own holds the labels of the rows.
  const rowHeaders = columns > 1 && header[0].text.trim() === '';
  // Widths of strings at the table's size, each measured once: a table of a thousand rows (a
  // case's history) would otherwise lay out every cell's words several times.
  const measured = new Map<string, number>();
  const widthOf = (font: FontName, s: string) => {
    const key = `${font}\u0000${s}`;
    let w = measured.get(key);
    if (w === undefined) {
      w = doc.font(font).fontSize(SIZE.table).widthOfString(s);
      measured.set(key, w);
    }
    return w;
  };
  // Column widths: by the longest word and the typical length of each column, within bounds.
  const want = header.map((h, c) => {
    const cells = [
      { ...h, font: 'bold' as FontName },
      ...rows.map((r) => r[c] ?? { text: '', font: 'body' as FontName }),
    ];
    let longestWord = 0;
    let typical = 0;
    for (const cell of cells) {
      const whole = widthOf(cell.font, cell.text);
      typical = Math.max(typical, whole);
      // No word of a cell is wider than the cell's whole text.
      if (whole > longestWord)
        for (const w of cell.text.split(/\s+/))
          longestWord = Math.max(longestWord, widthOf(cell.font, w));
    }
    return {
      min: Math.min(longestWord, width / columns) + pad * 2 + 2,
      typical: Math.min(typical, width * 0.6) + pad * 2 + 2,
    };
  });
  const minSum = want.reduce((s, w) => s + w.min, 0);
  const typicalSum = want.reduce((s, w) => s + w.typical, 0);
  const widths =
    typicalSum <= width
      ? want.map((w) => (w.typical / typicalSum) * width)
      : want.map(
          (w) =>
            w.min +
            ((w.typical - w.min) / Math.max(1, typicalSum - minSum)) * Math.max(0, width - minSum),
        );

  // Words wider than their column are hyphenated at syllables, not cut where the column ends;
  // code (a hash) is cut into lines of as many characters as fit, as the PDF library would cut it.
  const monoChar = widthOf('mono', '0');
  const fitted = (cells: Segment[], bold = false) =>
    cells.map((cell, c) => {
      const available = widths[c] - pad * 2 - 0.5;
      if (cell.font === 'mono') {
        const perLine = Math.max(1, Math.floor(available / monoChar));
        if (/\s/.test(cell.text) || cell.text.length <= perLine) return cell;
        const lines = cell.text.match(new RegExp(`.{1,${perLine}}`, 'gu')) ?? [cell.text];
        return { ...cell, text: lines.join('\n') };
      }
      const font = bold ? 'bold' : cell.font;
      const text = hyphenateToWidth(cell.text, available, (s) => widthOf(font, s), language);
      return { ...cell, text };
    });
  header.splice(0, header.length, ...fitted(header, true));
  rows.splice(0, rows.length, ...rows.map((r) => fitted(r)));

  /**
   * A cell laid out: when every line of it fits its column (the common case) its lines are
   * placed directly, else the PDF library wraps it (`lines` null).
   */
  interface CellLayout {
    font: FontName;
    lines: string[] | null;
    height: number;
  }
  const layoutCell = (cell: Segment, c: number, isHeader: boolean): CellLayout => {
    const font = isHeader ? 'bold' : cell.font;
    const width = widths[c] - pad * 2;
    const text = cell.text || ' ';
    const lines = wrapAtSpaces(text, width - 0.01, (s) => widthOf(font, s));
    doc.font(font).fontSize(SIZE.table);
    if (lines) return { font, lines, height: lines.length * (doc.currentLineHeight(true) + 1) };
    return { font, lines: null, height: doc.heightOfString(text, { width, lineGap: 1 }) };
  };
  const layouts = new Map<Segment[], { height: number; cells: CellLayout[] }>();
  const layoutRow = (cells: Segment[], isHeader: boolean) => {
    let laid = layouts.get(cells);
    if (!laid) {
      const cellLayouts = cells.map((cell, c) => layoutCell(cell, c, isHeader));
      laid = {
        height: Math.max(...cellLayouts.map((l) => l.height)) + pad * 2,
        cells: cellLayouts,
      };
      layouts.set(cells, laid);
    }
    return laid;
  };
  const rowHeight = (cells: Segment[], isHeader: boolean) => layoutRow(cells, isHeader).height;

  const tableStruct = container(doc, parent, 'Table');
  /** `row`: the row's structure element, or null for a repeated header (an artifact). */
  const drawRow = (cells: Segment[], isHeader: boolean, row: Struct | null) => {
    const laid = layoutRow(cells, isHeader);
    const h = laid.height;
    if (doc.y + h > bottomLimit(doc)) {
      doc.addPage();
      if (!isHeader && hasHeader)
        drawRow(
          header.map((c) => ({ ...c, font: 'bold' })),
          true,
          null,
        );
    }
    const y = doc.y;
    if (!row) doc.markContent('Artifact', { type: 'Pagination' });
    if (isHeader) {
      if (row) artifact(doc, () => doc.rect(PAGE.left, y, width, h).fillColor(FILL).fill());
      else doc.rect(PAGE.left, y, width, h).fillColor(FILL).fill();
    }
    let x = PAGE.left;
    cells.forEach((cell, c) => {
      const { font, lines } = laid.cells[c];
      const left = x + pad;
      const inner = widths[c] - pad * 2;
      const draw = () => {
        doc.font(font).fontSize(SIZE.table).fillColor(INK);
        if (!lines) {
          doc.text(cell.text, left, y + pad, { width: inner, align: aligns[c], lineGap: 1 });
          return;
        }
        const step = doc.currentLineHeight(true) + 1;
        lines.forEach((text, i) => {
          if (text.trim() === '') return;
          const free = inner - widthOf(font, text);
          const shift = aligns[c] === 'right' ? free : aligns[c] === 'center' ? free / 2 : 0;
          doc.text(text, left + shift, y + pad + i * step, { lineBreak: false });
        });
      };
      if (!row) draw();
      else if (isHeader) tag(doc, row, 'TH', draw, { scope: 'Column' });
      else if (rowHeaders && c === 0) tag(doc, row, 'TH', draw, { scope: 'Row' });
      else tag(doc, row, 'TD', draw);
      x += widths[c];
    });
    const line = () =>
      doc
        .moveTo(PAGE.left, y + h)
        .lineTo(PAGE.left + width, y + h)
        .lineWidth(isHeader ? 0.8 : 0.3)
        .strokeColor(isHeader ? ACCENT : RULE)
        .stroke();
    if (row) artifact(doc, line);
    else {
      line();
      doc.endMarkedContent();
    }
    doc.x = PAGE.left;
    doc.y = y + h;
  };
  const structuredRow = (cells: Segment[], isHeader: boolean) => {
    const tr = container(doc, tableStruct, 'TR');
    drawRow(cells, isHeader, tr);
    tr.end();
  };

  ensureSpace(
    doc,
    (hasHeader ? rowHeight(header, true) : 0) + (rows[0] ? rowHeight(rows[0], false) : 0),
  );
  if (hasHeader) structuredRow(header, true);
  else {
    artifact(doc, () =>
      doc
        .moveTo(PAGE.left, doc.y)
        .lineTo(PAGE.left + width, doc.y)
        .lineWidth(0.8)
        .strokeColor(ACCENT)
        .stroke(),
    );
  }
  for (const r of rows) structuredRow(r, false);
  tableStruct.end();
  doc.y += SIZE.body * 0.8;
}

/**
 * The lines of `text` in a column of `width`: its own line breaks kept, each paragraph filled word
 * by word at spaces. Null when a word alone is wider than the column (the PDF library then breaks
 * it as it can).
 */
function wrapAtSpaces(
  text: string,
  width: number,
  measure: (s: string) => number,
): string[] | null {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    if (measure(paragraph) <= width) {
      lines.push(paragraph);
      continue;
    }
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= width) line = candidate;
      else if (!line || measure(word) > width) return null;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
  }
  return lines;
}

// ------------------------------------------------------------------------------------------
// Charts: ```chart blocks
//   title: Requests by type
//   note: Light part of a bar: the range a banded figure allows.
//   <label> | <figure as published> | <low> | <high, empty when open-ended>

interface Bar {
  label: string;
  shown: string;
  low: number;
  high: number | null;
}

function parseChart(text: string) {
  let title = '';
  let note = '';
  const bars: Bar[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const meta = /^(title|note):\s*(.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'title') title = meta[2];
      else note = meta[2];
      continue;
    }
    const [label, shown, low, high] = line.split('|').map((s) => s.trim());
    const lowN = Number(low);
    if (label === undefined || shown === undefined || !Number.isFinite(lowN)) continue;
    const highN = high === undefined || high === '' ? null : Number(high);
    bars.push({
      label,
      shown,
      low: lowN,
      high: highN !== null && Number.isFinite(highN) ? highN : null,
    });
  }
  return { title, note, bars };
}

const BAR_CHART: Record<Language, string> = { en: 'Bar chart', de: 'Balkendiagramm' };

/** What a chart shows, in words: the alternative text of its figure. */
export function chartAlt(text: string, language: Language): string {
  const { title, note, bars } = parseChart(text);
  const head = title ? `${BAR_CHART[language]}, ${title}` : BAR_CHART[language];
  const figures = bars.map((b) => `${b.label}: ${b.shown}`).join('; ');
  return `${head}. ${figures}.${note ? ` ${note}` : ''}`;
}

/** A Figure with the chart's data as its alternative text; the note below it is a P. */
function chart(doc: PDFKit.PDFDocument, parent: Struct, text: string, language: Language) {
  const { title, note, bars } = parseChart(text);
  if (!bars.length) return;
  const width = contentWidth(doc);
  const barH = 11;
  const gap = 5;
  const labelW = width * 0.38;
  const valueW = 62;
  const plotW = width - labelW - valueW - 8;
  const top = title ? 16 : 0;
  const height = top + bars.length * (barH + gap) + (note ? 22 : 8);
  ensureSpace(doc, height);
  const x0 = PAGE.left + labelW;
  let y = doc.y;
  const plotBottom = y + top + bars.length * (barH + gap);
  const draw = () => {
    if (title) {
      doc
        .font('bold')
        .fontSize(SIZE.small + 0.5)
        .fillColor(INK)
        .text(title, PAGE.left, y, { width, lineBreak: false });
      y += top;
    }
    const finiteHighs = bars.map((b) => (b.high === null ? b.low * 1.25 : b.high));
    const max = Math.max(1, ...bars.map((b) => b.low), ...finiteHighs);
    const scale = (v: number) => (Math.min(v, max) / max) * plotW;
    // Axis
    doc
      .moveTo(x0, y - 2)
      .lineTo(x0, y + bars.length * (barH + gap) - gap + 2)
      .lineWidth(0.6)
      .strokeColor(MUTED)
      .stroke();
    for (const bar of bars) {
      doc.font('body').fontSize(SIZE.small).fillColor(INK);
      doc.text(bar.label, PAGE.left, y + 1.5, {
        width: labelW - 6,
        lineBreak: false,
        ellipsis: true,
      });
      const solid = scale(bar.low);
      const upper = bar.high === null ? plotW : scale(bar.high);
      if (upper > solid) {
        doc
          .rect(x0 + solid, y, upper - solid, barH)
          .fillColor(ACCENT_LIGHT)
          .fill();
        if (bar.high === null) {
          // open-ended band ("500+"): an arrow head at the end of the light part
          doc
            .polygon(
              [x0 + upper, y - 1],
              [x0 + upper + 6, y + barH / 2],
              [x0 + upper, y + barH + 1],
            )
            .fillColor(ACCENT_LIGHT)
            .fill();
        }
      }
      if (solid > 0) doc.rect(x0, y, solid, barH).fillColor(ACCENT).fill();
      doc.font('bold').fontSize(SIZE.small).fillColor(INK);
      doc.text(bar.shown, x0 + plotW + 8, y + 1.5, { width: valueW, lineBreak: false });
      y += barH + gap;
    }
  };
  tag(doc, parent, 'Figure', draw, {
    alt: chartAlt(text, language),
    bbox: [PAGE.left, doc.y, PAGE.left + width, plotBottom],
  });
  doc.fillColor(INK);
  doc.y = y + 2;
  if (note) {
    tag(doc, parent, 'P', () =>
      doc
        .font('italic')
        .fontSize(SIZE.small - 0.5)
        .fillColor(MUTED)
        .text(note, PAGE.left, doc.y, { width }),
    );
    doc.fillColor(INK);
  }
  doc.x = PAGE.left;
  doc.y += 8;
}

// ------------------------------------------------------------------------------------------
// Signatures: ```signatures blocks, one "Name | Role" per line

function signatures(doc: PDFKit.PDFDocument, parent: Struct, text: string) {
  const people = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, role] = l.split('|').map((s) => s.trim());
      return { name, role: role ?? '' };
    });
  if (!people.length) return;
  const width = contentWidth(doc);
  const perRow = Math.min(3, people.length);
  const colW = width / perRow;
  for (let i = 0; i < people.length; i += perRow) {
    ensureSpace(doc, 70);
    const y = doc.y + 34;
    people.slice(i, i + perRow).forEach((p, c) => {
      const x = PAGE.left + c * colW;
      artifact(doc, () =>
        doc
          .moveTo(x, y)
          .lineTo(x + colW - 24, y)
          .lineWidth(0.6)
          .strokeColor(INK)
          .stroke(),
      );
      tag(doc, parent, 'P', () => {
        doc
          .font('bold')
          .fontSize(SIZE.body - 0.5)
          .fillColor(INK)
          .text(p.name, x, y + 4, { width: colW - 24, lineBreak: false, ellipsis: true });
        doc
          .font('body')
          .fontSize(SIZE.small)
          .fillColor(MUTED)
          .text(p.role, x, y + 17, { width: colW - 24, lineBreak: false, ellipsis: true });
      });
    });
    doc.fillColor(INK);
    doc.x = PAGE.left;
    doc.y = y + 36;
  }
}

// ------------------------------------------------------------------------------------------
// Inline

function unescape(text: string) {
  return text.replace(/\\([\\`*_[\]<>|#~+\-.)])/g, '$1');
}

function decode(text: string) {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function segments(
  tokens: Token[] | undefined,
  style: { bold?: boolean; italic?: boolean } = {},
): Segment[] {
  const font = (): FontName =>
    style.bold && style.italic
      ? 'boldItalic'
      : style.bold
        ? 'bold'
        : style.italic
          ? 'italic'
          : 'body';
  const out: Segment[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        out.push(...segments((t as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case 'em':
        out.push(...segments((t as Tokens.Em).tokens, { ...style, italic: true }));
        break;
      case 'codespan':
        out.push({ text: unescape(decode((t as Tokens.Codespan).text)), font: 'mono' });
        break;
      case 'br':
        out.push({ text: '\n', font: font() });
        break;
      case 'link':
        out.push(...segments((t as Tokens.Link).tokens, style));
        break;
      default: {
        const nested = (t as { tokens?: Token[] }).tokens;
        if (nested?.length) out.push(...segments(nested, style));
        else out.push({ text: decode((t as { text?: string }).text ?? t.raw), font: font() });
      }
    }
  }
  // Merge neighbours in the same font: fewer text runs, better line breaking.
  const merged: Segment[] = [];
  for (const s of out) {
    const last = merged.at(-1);
    if (last && last.font === s.font) last.text += s.text;
    else merged.push({ ...s });
  }
  return merged;
}

function plain(tokens: Token[] | undefined) {
  return segments(tokens)
    .map((s) => s.text)
    .join('');
}

/** A table cell as one run of text: monospace when it is code only, bold when it is bold only. */
function cellText(tokens: Token[]): Segment {
  const parts = segments(tokens);
  const text = parts.map((p) => p.text).join('');
  const fontsUsed = new Set(parts.map((p) => p.font));
  const font: FontName = fontsUsed.size === 1 ? parts[0].font : 'body';
  return { text, font };
}
