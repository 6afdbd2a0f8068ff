import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { gagInForceSql } from '../domain/withheld.js';

export interface CanaryRow {
  id: string;
  issued_at: Date;
  expires_at: Date;
  document: string;
  signature: string;
  key_id: string;
}

/** The SQL of the canary: the facts it rests on, and the canaries issued. */
@Injectable()
export class CanaryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One renewal at a time: the check of the facts and the insert see the same state. */
  async lock(m: EntityManager) {
    await m.query('LOCK TABLE canaries IN EXCLUSIVE MODE');
  }

  async gagInForce(m: EntityManager, now: Date): Promise<boolean> {
    const rows: { found: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM gag_orders g WHERE ${gagInForceSql('g', '$1')}) AS found`,
      [now],
    );
    return rows[0].found;
  }

  /** Any case with an intelligence service among its authorities. */
  async nationalSecurityRequest(m: EntityManager): Promise<boolean> {
    const rows: { found: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM case_authorities ca JOIN authorities a ON a.id = ca.authority_id
                       WHERE a.kind = 'intelligence') AS found`,
    );
    return rows[0].found;
  }

  async insert(
    m: EntityManager,
    row: Omit<CanaryRow, 'id'>,
    issuedBy: string | null,
  ): Promise<string> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO canaries (issued_at, expires_at, document, signature, key_id, issued_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [row.issued_at, row.expires_at, row.document, row.signature, row.key_id, issuedBy],
    );
    return rows[0].id;
  }

  async latest(manager: EntityManager = this.dataSource.manager): Promise<CanaryRow | null> {
    const rows: CanaryRow[] = await manager.query(
      'SELECT id, issued_at, expires_at, document, signature, key_id FROM canaries ORDER BY issued_at DESC, id DESC LIMIT 1',
    );
    return rows[0] ?? null;
  }
}
