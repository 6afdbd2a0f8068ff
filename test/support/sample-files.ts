import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** A PDF made with pdfkit: `draw` writes its pages (fixed creation date, so equal input, equal bytes). */
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

/** A small PDF made with pdfkit, with `text` in its text layer. */
export const samplePdf = (text: string) => pdf((doc) => doc.fontSize(14).text(text, 72, 72));

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG declaring width × height pixels (8-bit grey). Its image data is one deflated row
 * repeated as few times as given: a small file whose header promises an image of any size.
 */
export function samplePng(width: number, height: number, rows = height): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * Math.min(rows, height), 0x80);
  for (let r = 0; r < Math.min(rows, height); r++) raw[r * (width + 1)] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PDF that runs JavaScript when opened (/OpenAction), written by hand. */
export function pdfWithJavaScript(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
    "<< /Type /Action /S /JavaScript /JS (app.alert\\('opened'\\);) >>",
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** The e-mail of the LKA, as an .eml file. */
export const SAMPLE_EML = Buffer.from(
  [
    'From: LKA NRW <poststelle@lka.example>',
    'To: vorstand@example.org',
    'Subject: Durchsuchungsbeschluss vom 15.01.2015',
    'Date: Thu, 15 Jan 2015 11:12:00 +0100',
    'Message-ID: <2015-01-15.1@lka.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Sehr geehrte Damen und Herren, anbei der Beschluss.',
    '',
  ].join('\r\n'),
);
