import type { CaseStatus, Channel } from './vocabulary.js';

/**
 * A timeline event the service wrote itself, as data: its kind and parameters. Documents and the
 * web app word it in their own language (src/i18n/timeline-texts.ts, web/src/i18n).
 */
export type AutomaticEvent =
  | { kind: 'request_received'; channel: Channel | null }
  | { kind: 'status_changed'; from: CaseStatus; to: CaseStatus; note: string | null };
