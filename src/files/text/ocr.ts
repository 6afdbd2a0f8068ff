import { execFile } from 'node:child_process';

/** Output of a command, with a hard time limit and a bounded output. */
export function run(
  command: string,
  args: string[],
  options: { timeoutMs: number; maxOutputBytes?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxOutputBytes ?? 16 * 1024 * 1024,
        encoding: 'utf8',
        // One thread each: OCR must not take every core of a shared machine.
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const why = error.killed ? `timed out after ${options.timeoutMs} ms` : error.message;
          reject(
            new Error(`${command}: ${why}${stderr ? ` (${stderr.trim().slice(0, 200)})` : ''}`),
          );
        } else resolve(stdout);
      },
    );
  });
}

/** What this machine offers for reading scans, found at start. */
export interface OcrTools {
  /** `tesseract` with German and English data: scanned images and PDF pages are recognised. */
  tesseract: boolean;
  /** `pdftoppm` (poppler-utils): PDF pages without a text layer are rendered for tesseract. */
  pdftoppm: boolean;
  /** Why OCR is off, when it is. */
  missing: string | null;
}

export const OCR_LANGUAGES = 'deu+eng';

/** Looks for tesseract (with deu and eng) and pdftoppm on the PATH. */
export async function detectOcrTools(): Promise<OcrTools> {
  let tesseract = false;
  let missing: string | null = null;
  try {
    const langs = await run('tesseract', ['--list-langs'], { timeoutMs: 10_000 });
    const have = new Set(langs.split(/\s+/));
    tesseract = have.has('deu') && have.has('eng');
    if (!tesseract)
      missing = 'tesseract has no German and English data (tesseract-ocr-deu, tesseract-ocr-eng)';
  } catch {
    missing = 'tesseract is not installed (tesseract-ocr, tesseract-ocr-deu, tesseract-ocr-eng)';
  }
  const pdftoppm = await run('pdftoppm', ['-v'], { timeoutMs: 10_000 }).then(
    () => true,
    () => false,
  );
  return { tesseract, pdftoppm, missing };
}

/** The text tesseract reads in an image file (PNG, JPEG, TIFF). */
export function recognise(imagePath: string, timeoutMs: number): Promise<string> {
  return run('tesseract', [imagePath, 'stdout', '-l', OCR_LANGUAGES], { timeoutMs });
}

/**
 * Renders one page of a PDF to a greyscale PNG at 300 dpi, scaled down so that its longer side
 * has at most 3,000 pixels (a page claiming to be kilometres wide renders no larger); returns
 * the path pdftoppm wrote.
 */
export async function renderPage(
  pdfPath: string,
  page: number,
  outPrefix: string,
  timeoutMs: number,
): Promise<string> {
  const n = String(page);
  await run(
    'pdftoppm',
    [
      '-f',
      n,
      '-l',
      n,
      '-r',
      '300',
      '-scale-to',
      '3000',
      '-gray',
      '-png',
      '-singlefile',
      pdfPath,
      outPrefix,
    ],
    { timeoutMs },
  );
  return `${outPrefix}.png`;
}
