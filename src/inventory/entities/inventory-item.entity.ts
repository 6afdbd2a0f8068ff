import { Column, Entity } from 'typeorm';
import { RecordBase } from '../../database/record-base.js';
import type { InventoryKind } from '../../domain/vocabulary.js';

/** A system or service the organisation runs. Cases point at these. */
@Entity('inventory_items')
export class InventoryItem extends RecordBase {
  @Column('text')
  name: string;

  @Column('text')
  kind: InventoryKind;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('text', { nullable: true })
  provider: string | null;

  /** Whose system or data it is, when not the organisation's own: a customer, a member group. */
  @Column('text', { nullable: true })
  owner: string | null;

  /** Services it hosts, e.g. "wiki", "mailing lists". */
  @Column('text', { array: true, default: () => "'{}'" })
  services: string[];

  /** Host names, domains, IP addresses and account name patterns that identify it; named targets are matched against these. */
  @Column('text', { array: true, default: () => "'{}'" })
  identifiers: string[];

  @Column('integer', { name: 'users_served', nullable: true })
  usersServed: number | null;

  @Column('text', { nullable: true })
  notes: string | null;

  /** Set instead of deleting while a case still refers to it: gone from the directory, kept for that case. */
  @Column('timestamptz', { name: 'archived_at', nullable: true })
  archivedAt: Date | null;
}
