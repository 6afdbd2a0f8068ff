import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { FILES_CONFIG } from '../../config/config.module.js';
import type { FilesConfig } from '../../config/files.settings.js';
import { FileStore } from '../file-store.js';
import { FileTextRepository, type TextJob } from './file-text.repository.js';
import { detectOcrTools, type OcrTools } from './ocr.js';
import { OCR_BUDGET_STEPS, TextExtractor } from './text-extractor.js';

const MINUTE = 60_000;
/** Attempts before a content is given up (a PDF that always times out, say). */
const MAX_ATTEMPTS = 5;
/** Wait after `attempts` failed attempts: 1, 4, 16, 64 minutes. */
const backoff = (attempts: number) => MINUTE * 4 ** Math.max(0, attempts - 1);
/** Searchable start of a text whose whole is too varied for one search vector (1 MB). */
const FALLBACK_SEARCH_CHARS = 100_000;

/**
 * Extracts the text of stored files in the background, one content at a time, never in the
 * request that uploaded it: every FILE_TEXT_INTERVAL_SECONDS and right after an upload. Jobs are
 * rows of file_texts (see FileTextRepository.claim), so several instances share the work.
 * Extraction is no act of a user: it writes nothing to the audit trail.
 */
@Injectable()
export class FileTextWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FileText');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopped = false;
  private extractor: TextExtractor | null = null;
  private tools: OcrTools = { tesseract: false, pdftoppm: false, missing: 'not checked yet' };

  constructor(
    private readonly dataSource: DataSource,
    private readonly texts: FileTextRepository,
    private readonly store: FileStore,
    private readonly clock: Clock,
    @Inject(FILES_CONFIG) private readonly config: FilesConfig,
  ) {}

  /** Whether scans are read (tesseract with German and English found at start). */
  get ocr(): boolean {
    return this.tools.tesseract;
  }

  async onApplicationBootstrap() {
    this.tools =
      this.config.text.ocr === 'off'
        ? { tesseract: false, pdftoppm: false, missing: 'FILE_OCR=off' }
        : await detectOcrTools();
    if (!this.tools.tesseract) {
      this.logger.warn(
        `OCR is off (${this.tools.missing}): search covers the text layer of PDFs and plain text only, not scans.`,
      );
    } else if (!this.tools.pdftoppm) {
      this.logger.warn(
        'OCR reads images only: pdftoppm (poppler-utils) is missing, so scanned PDF pages are not read.',
      );
    } else {
      this.logger.log(
        'OCR is on (tesseract, deu+eng): scanned images and PDF pages are searchable.',
      );
    }
    if (this.config.text.intervalSeconds > 0) {
      this.timer = setInterval(() => this.nudge(), this.config.text.intervalSeconds * 1000);
      this.timer.unref();
      this.nudge();
    }
  }

  async onModuleDestroy() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Starts a pass soon, unless the worker is off (interval 0); a pass running now goes on. */
  nudge(): void {
    if (this.config.text.intervalSeconds === 0 || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.runOnce().catch((e: unknown) => this.logger.error(e));
  }

  /** One pass: extracts every due content; returns how many were taken. Passes never overlap in one process. */
  async runOnce(): Promise<number> {
    while (this.running) await this.running.catch(() => undefined);
    const pass = this.drain();
    this.running = pass;
    try {
      return await pass;
    } finally {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        setImmediate(() => this.nudge());
      }
    }
  }

  private async drain(): Promise<number> {
    let taken = 0;
    while (!this.stopped) {
      const now = this.clock.now();
      // The lease outlasts the longest extraction: the text layer, then OCR within its budget.
      const lease = new Date(
        now.getTime() + (OCR_BUDGET_STEPS + 4) * this.config.text.timeoutSeconds * 1000,
      );
      const job = await this.dataSource.transaction((m) => this.texts.claim(m, now, lease));
      if (!job) return taken;
      taken++;
      await this.process(job);
    }
    return taken;
  }

  private async process(job: TextJob): Promise<void> {
    const name = job.sha256.toString('hex').slice(0, 12);
    try {
      const { method, text } =
        job.size > this.config.text.maxBytes
          ? { method: 'none' as const, text: '' }
          : await this.extractorFor().extract(job.media_type, await this.read(job));
      try {
        await this.texts.done(
          this.dataSource.manager,
          job.sha256,
          method,
          text,
          text,
          this.clock.now(),
        );
      } catch {
        // A text of many distinct words can exceed what one search vector holds: index its start.
        await this.texts.done(
          this.dataSource.manager,
          job.sha256,
          method,
          text,
          text.slice(0, FALLBACK_SEARCH_CHARS),
          this.clock.now(),
        );
      }
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      const final = job.attempts >= MAX_ATTEMPTS;
      this.logger.warn(
        `No text from content ${name}… (attempt ${job.attempts}${final ? ', given up' : ''}): ${reason}`,
      );
      await this.texts.failed(
        this.dataSource.manager,
        job.sha256,
        reason,
        new Date(this.clock.now().getTime() + backoff(job.attempts)),
        final,
      );
    }
  }

  private extractorFor(): TextExtractor {
    return (this.extractor ??= new TextExtractor(this.tools, {
      maxPages: this.config.text.maxPages,
      timeoutMs: this.config.text.timeoutSeconds * 1000,
    }));
  }

  private async read(job: TextJob): Promise<Buffer> {
    const pieces: Buffer[] = [];
    for await (const piece of this.store.get(job.sha256)) pieces.push(piece);
    return Buffer.concat(pieces);
  }
}
