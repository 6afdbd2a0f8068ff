import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { ImageTooLargeError, UnsupportedFileTypeError } from './file-errors.js';

/** How many bytes of the start of a file decide its type (and an image's declared size). */
export const SNIFF_BYTES = 128 * 1024;

/** The media types the case file takes, decided from the content. */
export const ACCEPTED_MEDIA_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'image/heic',
  'image/heif',
  'message/rfc822',
  'text/plain',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type AcceptedMediaType = (typeof ACCEPTED_MEDIA_TYPES)[number];

const ACCEPTED = new Set<string>(ACCEPTED_MEDIA_TYPES);
const IMAGES = new Set(['image/png', 'image/jpeg', 'image/tiff', 'image/heic', 'image/heif']);

// Bytes no text file has: C0 controls other than tab, line feed, vertical tab, form feed,
// carriage return and escape.
const BINARY = new Set([...Array(32).keys()].filter((b) => ![9, 10, 11, 12, 13, 27].includes(b)));
// A message starts with header fields ("Name: value"), one of them one that every e-mail has.
const HEADER_BLOCK = /^(?:[!-9;-~]+:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+/;
const MAIL_HEADER = /^(from|date|message-id|received|return-path|mime-version|subject):/im;
// Markup that a browser would run: refused, even though it is text.
const ACTIVE_MARKUP = /^\s*(<!doctype html|<html|<svg|<\?xml|<script)/i;

function textType(head: Buffer): 'text/plain' | 'message/rfc822' | undefined {
  for (const byte of head) if (BINARY.has(byte)) return undefined;
  const text = head.toString('latin1');
  if (ACTIVE_MARKUP.test(text)) return undefined;
  const headers = HEADER_BLOCK.exec(text)?.[0];
  if (headers && MAIL_HEADER.test(headers) && /\r?\n\r?\n/.test(text)) return 'message/rfc822';
  return 'text/plain';
}

/**
 * The media type of a file from its first bytes (magic numbers through file-type; text and
 * e-mail by their shape), refusing anything not accepted and any image whose header declares
 * more than `maxImagePixels` pixels (a decompression bomb: a few kilobytes that would unpack
 * to gigabytes).
 */
export async function detectMediaType(
  head: Buffer,
  maxImagePixels: number,
): Promise<AcceptedMediaType> {
  const detected = await fileTypeFromBuffer(head);
  const mime = detected?.mime ?? textType(head);
  if (!mime || !ACCEPTED.has(mime)) {
    throw new UnsupportedFileTypeError(mime ?? 'not a known document type');
  }
  if (IMAGES.has(mime)) checkImageSize(head, maxImagePixels);
  return mime as AcceptedMediaType;
}

function checkImageSize(head: Buffer, maxPixels: number) {
  let size: { width?: number; height?: number };
  try {
    size = imageSize(head);
  } catch {
    // The header is not within the first bytes (a TIFF may keep it at the end): the service never
    // decodes images, so there is nothing to protect here; a renderer checks again.
    return;
  }
  const { width = 0, height = 0 } = size;
  if (width * height > maxPixels) throw new ImageTooLargeError(width, height, maxPixels);
}
