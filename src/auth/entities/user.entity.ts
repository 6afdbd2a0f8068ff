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

  /** Set by an admin's password reset: the next session may only set a new password. */
  @Column('boolean', { name: 'must_change_password', default: false })
  mustChangePassword: boolean;

  /** Set by an admin's password reset: a new second factor before anything else. */
  @Column('boolean', { name: 'must_enrol_second_factor', default: false })
  mustEnrolSecondFactor: boolean;

  /** When the grace period for a second factor required by the role began (first sign-in without one). */
  @Column('timestamptz', { name: 'second_factor_grace_started_at', nullable: true })
  secondFactorGraceStartedAt: Date | null;

  /** The last password reset by an admin, shown to the user. */
  @Column('timestamptz', { name: 'password_reset_at', nullable: true })
  passwordResetAt: Date | null;

  @Column('uuid', { name: 'password_reset_by', nullable: true })
  passwordResetBy: string | null;
}
