import { Column, Entity } from 'typeorm';
import type { Role } from '../../access/permissions.js';
import { RecordBase } from '../../database/record-base.js';

@Entity('users')
export class User extends RecordBase {
  /** Lower case; the sign-in name. */
  @Column('text')
  email: string;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text')
  role: Role;

  /** argon2id; never leaves the service. */
  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('timestamptz', { name: 'password_changed_at' })
  passwordChangedAt: Date;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;
}
