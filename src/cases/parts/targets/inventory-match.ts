import type { EntityManager } from 'typeorm';
import type { TargetKind } from '../../../domain/vocabulary.js';

/** The host part of a URL or e-mail address, so that it can be compared with inventory identifiers. */
function hostOf(kind: TargetKind, value: string): string | undefined {
  if (kind === 'email_address' || kind === 'mailbox') return value.split('@')[1];
  if (kind === 'url') {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The inventory item a named target designates: the one whose name or an identifier equals the
 * value (or its host). Null when none or several match: ambiguity is left to a person.
 */
export async function matchInventoryItem(
  manager: EntityManager,
  kind: TargetKind,
  value: string,
): Promise<string | null> {
  const candidates = [value.trim().toLowerCase(), hostOf(kind, value.trim().toLowerCase())].filter(
    (c): c is string => !!c,
  );
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM inventory_items WHERE archived_at IS NULL AND (lower(name) = ANY($1::text[]) OR identifiers && $1::text[]) LIMIT 2`,
    [candidates],
  );
  return rows.length === 1 ? rows[0].id : null;
}
