/**
 * The case bundle of a case with 50 files and 1,000 audit records, through the real HTTP stack
 * (target from the issue: < 3 s). Part of bench:files; the bundle is checked with the verifier
 * afterwards (not timed).
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type PathLike } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { INestApplication } from '@nestjs/common';
import { userActor } from '../src/access/actor.js';
import type { AuditEntry } from '../src/audit/audit-entry.js';
import { AuditService } from '../src/audit/audit.service.js';
import { verifyBundle } from '../src/bundle/bundle-verifier.js';
import { UnitOfWork } from '../src/database/unit-of-work.js';
import { FileTextWorker } from '../src/files/text/file-text.worker.js';

const FILES = 50;
const FILE_BYTES = 256 * 1024;
const RECORDS = 1000;

export interface BundleBenchContext {
  app: INestApplication;
  base: string;
  headers: Record<string, string>;
  board: { id: string; email: string };
  zipPath: PathLike & string;
}

/** A distinct file that passes the type check: random bytes behind a PDF header. */
const scan = () => Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(FILE_BYTES - 9)]);

export async function bundleFigure(ctx: BundleBenchContext): Promise<string> {
  const { base, headers } = ctx;
  const created = await fetch(`${base}/cases`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: 'Bench: a case file of 50 documents',
      requestType: 'search_and_seizure',
      receivedAt: '2015-01-15T11:12:00+01:00',
    }),
  });
  const caseId = ((await created.json()) as { id: string }).id;
  for (let i = 0; i < FILES; i++) {
    const form = new FormData();
    form.append('file', new Blob([scan()], { type: 'application/pdf' }), `scan-${i}.pdf`);
    const res = await fetch(`${base}/cases/${caseId}/files?kind=order`, {
      method: 'POST',
      headers,
      body: form,
    });
    if (res.status !== 201) throw new Error(`bundle bench upload: ${res.status}`);
  }

  // The rest of the 1,000 records: edits of the case, as many transactions would leave them.
  const actor = userActor({ ...ctx.board, role: 'board' }, null);
  const audit = ctx.app.get(AuditService);
  const uow = ctx.app.get(UnitOfWork);
  const existing = 1 + FILES; // the case's creation and the uploads
  const entries: AuditEntry[] = Array.from({ length: RECORDS - existing }, (_, i) => ({
    action: 'update',
    entityType: 'case',
    entityId: caseId,
    caseId,
    changes: { title: { before: `Title ${i}`, after: `Title ${i + 1}` } },
  }));
  for (let i = 0; i < entries.length; i += 100)
    await uow.run(actor, (m) => audit.recordMany(m, entries.slice(i, i + 100)));

  // The text of the uploads is extracted in the background: done first, so it does not run alongside.
  await ctx.app.get(FileTextWorker).runOnce();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const res = await fetch(`${base}/cases/${caseId}/bundle`, { headers });
  if (res.status !== 200 || !res.body) throw new Error(`bundle: ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as never), createWriteStream(ctx.zipPath));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);

  const report = await verifyBundle(ctx.zipPath);
  const records = report.find((l) => l.startsWith('audit records:')) ?? '';
  return (
    `Case bundle, ${FILES} files of ${FILE_BYTES / 1024} KiB, ${records.split(',')[0]}: ` +
    `${ms.toFixed(0)} ms (CPU of this process ${((used.user + used.system) / 1000).toFixed(0)} ms), ` +
    `verified offline; target < 3 s: ${ms < 3000 ? 'PASS' : 'MISS'}`
  );
}
