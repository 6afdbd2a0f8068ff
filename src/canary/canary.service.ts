import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { AuditSigningKey } from '../audit/signing-key.js';
import { Clock } from '../common/clock.js';
import { DEADLINES_CONFIG, DOCUMENTS_CONFIG } from '../config/config.module.js';
import type { DeadlinesConfig } from '../config/deadlines.settings.js';
import type { DocumentsConfig } from '../config/documents.settings.js';
import { UnitOfWork } from '../database/unit-of-work.js';
import { ConflictError, NotFoundError } from '../errors/domain-errors.js';
import { CanaryRepository, type CanaryRow } from './canary.repository.js';

const DAY = 86_400_000;

/** The signed statement, in CanaryTail's field names where they fit. */
export interface CanaryDocument {
  canary: {
    version: '0.1';
    domain: string;
    organisation: string;
    /** Key id of the service's Ed25519 key (as in audit checkpoints) and the key itself. */
    keyId: string;
    pubkey: string;
    release: string;
    expiry: string;
    /** Random, so that no two canaries sign the same bytes. */
    nonce: string;
    /** CanaryTail codes of what has NOT happened as of `release`: GAG = no gag order received. */
    codes: string[];
    nationalSecurityRequests?: 'none';
    statement: { de: string; en: string };
  };
}

type Blocker = 'gag_in_force' | 'national_security_request';

/**
 * The warrant canary. It is generated from the records and can only be renewed while its
 * statements are true: while a gag order is in force nobody can renew it, and it expires by
 * itself. It is never edited or withdrawn: a canary is a statement about the past.
 */
@Injectable()
export class CanaryService {
  constructor(
    private readonly repository: CanaryRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly key: AuditSigningKey,
    private readonly clock: Clock,
    @Inject(DEADLINES_CONFIG) private readonly config: DeadlinesConfig,
    @Inject(DOCUMENTS_CONFIG) private readonly documents: DocumentsConfig,
  ) {}

  private async blockers(m: EntityManager, now: Date): Promise<Blocker[]> {
    const out: Blocker[] = [];
    if (await this.repository.gagInForce(m, now)) out.push('gag_in_force');
    if (this.config.canaryNationalSecurity && (await this.repository.nationalSecurityRequest(m)))
      out.push('national_security_request');
    return out;
  }

  /** For the board and admins: the current canary and whether it can be renewed now. */
  async status() {
    const now = this.clock.now();
    return this.uow.read(async (m) => {
      const latest = await this.repository.latest(m);
      const blockers = await this.blockers(m, now);
      return {
        current: latest ? this.view(latest, now) : null,
        renewable: blockers.length === 0 && this.key.canSign,
        refusedBecause: blockers,
        validDays: this.config.canaryValidDays,
      };
    });
  }

  async renew(actor: Actor) {
    const now = this.clock.now();
    const row = await this.uow.run(actor, async (m) => {
      await this.repository.lock(m);
      const blockers = await this.blockers(m, now);
      if (blockers.length)
        throw new ConflictError(
          'canary-untrue',
          'The canary cannot be renewed: its statements would not be true. It expires by itself; it must not be edited or withdrawn.',
          blockers.map((b) => ({ field: 'canary', message: b.replaceAll('_', ' ') })),
        );
      const doc = this.document(now, new Date(now.getTime() + this.config.canaryValidDays * DAY));
      const document = JSON.stringify(doc);
      const signature = this.key.sign(Buffer.from(document, 'utf8')).toString('base64');
      const issued = {
        issued_at: now,
        expires_at: new Date(doc.canary.expiry),
        document,
        signature,
        key_id: this.key.keyId,
      };
      const id = await this.repository.insert(m, issued, actor.userId);
      await this.audit.record(m, {
        action: 'create',
        entityType: 'canary',
        entityId: id,
        caseId: null,
        details: {
          release: doc.canary.release,
          expiry: doc.canary.expiry,
          codes: doc.canary.codes,
        },
      });
      return { id, ...issued };
    });
    return this.view(row, now);
  }

  /** The published canary (also when expired: an expired canary is the signal). */
  async published() {
    const latest = await this.repository.latest();
    if (!latest) throw new NotFoundError('canary', 'current');
    return this.view(latest, this.clock.now());
  }

  async publishedText(): Promise<string> {
    const v = await this.published();
    const c = v.canary.canary;
    return [
      c.statement.en,
      '',
      c.statement.de,
      '',
      `Release: ${c.release}`,
      `Expiry:  ${c.expiry}${v.expired ? '  (EXPIRED)' : ''}`,
      `Key id:  ${c.keyId}`,
      '',
      'Signed document (Ed25519 over these exact UTF-8 bytes):',
      v.document,
      '',
      `Signature (base64): ${v.signature}`,
      '',
      v.publicKeyPem.trim(),
      '',
    ].join('\n');
  }

  private document(release: Date, expiry: Date): CanaryDocument {
    const org = this.documents.organisation.name;
    const day = release.toISOString().slice(0, 10);
    const ns = this.config.canaryNationalSecurity;
    return {
      canary: {
        version: '0.1',
        domain: new URL(this.config.appUrl).host,
        organisation: org,
        keyId: this.key.keyId,
        pubkey: this.key.publicKeyPem,
        release: release.toISOString(),
        expiry: expiry.toISOString(),
        nonce: randomBytes(16).toString('hex'),
        codes: ['GAG'],
        ...(ns ? { nationalSecurityRequests: 'none' as const } : {}),
        statement: {
          en:
            `As of ${day}, ${org} has no gag order in force that forbids it to speak about a request it received` +
            `${ns ? ', and has received no request from an intelligence service' : ''}. ` +
            `This statement expires on ${expiry.toISOString().slice(0, 10)} unless renewed.`,
          de:
            `Stand ${day}: Gegen ${org} besteht keine Schweigeanordnung zu einer erhaltenen Anfrage` +
            `${ns ? ', und es ist keine Anfrage eines Nachrichtendienstes eingegangen' : ''}. ` +
            `Diese Erklärung verfällt am ${expiry.toISOString().slice(0, 10)}, wenn sie nicht erneuert wird.`,
        },
      },
    };
  }

  private view(row: CanaryRow, now: Date) {
    return {
      canary: JSON.parse(row.document) as CanaryDocument,
      document: row.document,
      signature: row.signature,
      algorithm: 'Ed25519' as const,
      keyId: row.key_id,
      publicKeyPem: this.key.publicKeyPem,
      issuedAt: row.issued_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      expired: row.expires_at.getTime() <= now.getTime(),
    };
  }
}
