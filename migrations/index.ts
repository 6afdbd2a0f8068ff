import { InitialSchema1763900000000 } from './1763900000000-initial-schema.js';

/** Every migration, in order. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [InitialSchema1763900000000];
