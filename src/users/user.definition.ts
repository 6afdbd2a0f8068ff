import type { RecordDefinition } from '../records/record-definition.js';
import { User } from '../auth/entities/user.entity.js';

/** The password hash is not in the list: it is never shown and never written to the audit trail. */
export const USER: RecordDefinition<User> = {
  name: 'user',
  auditType: 'user',
  entity: User,
  fields: ['email', 'displayName', 'role', 'disabledAt', 'passwordChangedAt'],
  order: { email: 'ASC' },
};
