import PDFDocument from 'pdfkit';

/** A rectangle on a page: page from 1, x and y from the page's top-left corner, in PDF points. */
export interface RedactionRect {
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Ready-made patterns for what is redacted most often. */
export const REDACTION_PRESETS = {
  email: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu,
  phone: /(?:\+|\b0)\d[\d ()/-]{5,}\d/gu,
} as const;
export type RedactionPreset = keyof typeof REDACTION_PRESETS;

/** Resolution of the burned-in pages: 150 dpi, enough to read a scan, small enough to publish. */
const SCALE = 150 / 72;
/** At most this many pixels per page: a huge page is rendered at a lower resolution, not at 150 dpi. */
const MAX_PIXELS = 40_000_000;
/** Margin around each matched character, in points, so that no stroke of it peeks out. */
const PAD = 1;

/** The page count is beyond what a rectangle names: the caller's input is wrong. */
export class RedactionInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

type Mupdf = typeof import('mupdf');
let loaded: Promise<Mupdf> | null = null;
/** MuPDF (WASM) is loaded on first use: the service starts without it. */
const mupdf = () => (loaded ??= import('mupdf'));

/** Resolutions a page is shown at on the redaction screen: enough to read, cheap to render. */
export const PAGE_DPI = { min: 24, max: 150, default: 96 } as const;
/** At most this many pixels per shown page (A4 at 150 dpi is about 2.2 million). */
const MAX_SHOWN_PIXELS = 8_000_000;

/** One page of a document as a PNG, with the page count and the page's size in points. */
export interface RenderedPage {
  png: Buffer;
  pageCount: number;
  /** Width and height of the page in PDF points: the unit of the redaction rectangles. */
  width: number;
  height: number;
}

/** The document could not be opened or drawn (a damaged file): not the caller's input. */
export class DocumentUnreadableError extends Error {}

/**
 * Renders one page (from 1) to a PNG at `dpi` (lower for very large pages), for marking areas on
 * screen. A page beyond the document is the caller's error, naming the field `page`.
 */
export async function renderPage(
  bytes: Buffer,
  mediaType: string,
  pageNumber: number,
  dpi: number,
): Promise<RenderedPage> {
  const m = await mupdf();
  let doc;
  let pageCount;
  try {
    doc = m.Document.openDocument(bytes, mediaType);
    pageCount = doc.countPages();
  } catch {
    throw new DocumentUnreadableError('the document could not be opened');
  }
  if (pageNumber > pageCount)
    throw new RedactionInputError('page', `the document has ${pageCount} page(s)`);
  try {
    const page = doc.loadPage(pageNumber - 1);
    const [x0, y0, x1, y1] = page.getBounds();
    const width = x1 - x0;
    const height = y1 - y0;
    const wanted = dpi / 72;
    const scale = Math.min(wanted, Math.sqrt(MAX_SHOWN_PIXELS / Math.max(1, width * height)));
    const pixmap = page.toPixmap(
      m.Matrix.concat(m.Matrix.translate(-x0, -y0), m.Matrix.scale(scale, scale)),
      m.ColorSpace.DeviceRGB,
      false,
      true,
    );
    return { png: Buffer.from(pixmap.asPNG()), pageCount, width, height };
  } catch {
    throw new DocumentUnreadableError(`page ${pageNumber} could not be drawn`);
  }
}

/**
 * A public copy of a PDF or an image with the marked areas burned in: every page is rendered to
 * an image at 150 dpi, the rectangles and the text matching the patterns are painted black on the
 * image, and the images become the pages of a new PDF (pdfkit). Nothing of the original's text
 * layer, fonts, metadata, annotations or scripts is carried over: the copy is pictures only.
 * Returns the PDF and how many areas were blacked out.
 */
export async function redactToPdf(
  bytes: Buffer,
  mediaType: string,
  rects: readonly RedactionRect[],
  patterns: readonly RegExp[],
): Promise<{ pdf: Buffer; areas: number; pages: number }> {
  const m = await mupdf();
  const doc = m.Document.openDocument(bytes, mediaType);
  const pageCount = doc.countPages();
  rects.forEach((r, i) => {
    if (r.page > pageCount)
      throw new RedactionInputError(
        `rectangles[${i}].page`,
        `the document has ${pageCount} page(s)`,
      );
  });
  const out = new PDFDocument({ autoFirstPage: false, info: { Title: 'Redacted copy' } });
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  let areas = 0;
  for (let index = 0; index < pageCount; index++) {
    const page = doc.loadPage(index);
    const [x0, y0, x1, y1] = page.getBounds();
    const boxes: [number, number, number, number][] = rects
      .filter((r) => r.page === index + 1)
      .map((r) => [x0 + r.x, y0 + r.y, x0 + r.x + r.width, y0 + r.y + r.height]);
    if (patterns.length) {
      let text = '';
      const quads: (number[] | null)[] = [];
      page.toStructuredText('preserve-whitespace').walk({
        onChar(c: string, _o: unknown, _f: unknown, _s: unknown, q: number[]) {
          for (const ch of c) {
            text += ch;
            quads.push(q);
          }
        },
        endLine() {
          text += '\n';
          quads.push(null);
        },
      });
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          for (let i = match.index; i < match.index + match[0].length; i++) {
            const q = quads[i];
            if (!q) continue;
            boxes.push([
              Math.min(q[0], q[4]) - PAD,
              Math.min(q[1], q[3]) - PAD,
              Math.max(q[2], q[6]) + PAD,
              Math.max(q[5], q[7]) + PAD,
            ]);
          }
        }
      }
    }
    areas += boxes.length;
    const scale = Math.min(SCALE, Math.sqrt(MAX_PIXELS / Math.max(1, (x1 - x0) * (y1 - y0))));
    const matrix = m.Matrix.scale(scale, scale);
    const width = Math.ceil((x1 - x0) * scale);
    const height = Math.ceil((y1 - y0) * scale);
    const pixmap = new m.Pixmap(m.ColorSpace.DeviceRGB, [0, 0, width, height], false);
    pixmap.clear(255);
    const draw = new m.DrawDevice(m.Matrix.concat(m.Matrix.translate(-x0, -y0), matrix), pixmap);
    page.run(draw, m.Matrix.identity);
    draw.close();
    // A second device on the same pixels: the boxes are painted over what the page drew.
    const paint = new m.DrawDevice(m.Matrix.concat(m.Matrix.translate(-x0, -y0), matrix), pixmap);
    for (const [bx0, by0, bx1, by1] of boxes) {
      const path = new m.Path();
      path.rect(bx0, by0, bx1, by1);
      paint.fillPath(path, false, m.Matrix.identity, m.ColorSpace.DeviceRGB, [0, 0, 0], 1);
    }
    paint.close();
    const png = Buffer.from(pixmap.asPNG());
    out.addPage({ size: [x1 - x0, y1 - y0], margin: 0 });
    out.image(png, 0, 0, { width: x1 - x0, height: y1 - y0 });
  }
  out.end();
  await done;
  return { pdf: Buffer.concat(chunks), areas, pages: pageCount };
}
