import { DomainError } from '../errors/domain-errors.js';

/** The upload passed the size limit: refused while it streamed, nothing stored. */
export class FileTooLargeError extends DomainError {
  constructor(maxBytes: number) {
    super(
      'file-too-large',
      413,
      'File too large',
      `Files may be at most ${maxBytes} bytes (FILE_MAX_BYTES); nothing was stored.`,
      [{ field: 'file', message: `must be at most ${maxBytes} bytes` }],
    );
  }
}

/** The content (not the name) is of a type the case file does not take. */
export class UnsupportedFileTypeError extends DomainError {
  constructor(detected: string) {
    super(
      'unsupported-file-type',
      415,
      'Unsupported file type',
      `By its content the file is ${detected}; accepted are PDF, PNG, JPEG, TIFF, HEIC, e-mail (EML), plain text, ODT and DOCX.`,
      [{ field: 'file', message: `is ${detected} by its content, which is not accepted` }],
    );
  }
}

/** An image whose header declares more pixels than any scan or photo has: a decompression bomb. */
export class ImageTooLargeError extends DomainError {
  constructor(width: number, height: number, maxPixels: number) {
    super(
      'image-too-large',
      422,
      'Image too large',
      `The image declares ${width} × ${height} pixels; at most ${maxPixels} pixels are accepted (FILE_MAX_IMAGE_PIXELS).`,
      [{ field: 'file', message: `declares ${width} × ${height} pixels, more than ${maxPixels}` }],
    );
  }
}

export class EmptyFileError extends DomainError {
  constructor() {
    super('validation-failed', 400, 'Invalid request', 'The file is empty.', [
      { field: 'file', message: 'must not be empty' },
    ]);
  }
}

/** No file part, a malformed multipart body, or the client stopped sending before the end. */
export class UploadIncompleteError extends DomainError {
  constructor(detail: string) {
    super('validation-failed', 400, 'Invalid request', detail, [
      { field: 'file', message: detail },
    ]);
  }
}
