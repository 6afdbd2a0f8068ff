import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns that point at a directory record: [table, column, directory table]. */
const DIRECTORY_REFERENCES = [
  ['case_authorities', 'authority_id', 'authorities'],
  ['legal_bases', 'authority_id', 'authorities'],
  ['disclosures', 'recipient_authority_id', 'authorities'],
  ['targets', 'inventory_item_id', 'inventory_items'],
  ['affected_systems', 'inventory_item_id', 'inventory_items'],
  ['seized_items', 'inventory_item_id', 'inventory_items'],
] as const;

/**
 * Nothing outside a restricted case may reveal that it exists.
 *
 * References: unique among the cases that are not restricted (the database's rule); a restricted
 * case may share its reference with another case, so that choosing a reference can never confirm
 * a hidden one. Generated numbers come from a counter per year (one row update, no scan), started
 * here above every number already in use.
 *
 * Directory records: deleting an authority or inventory item that a case still refers to archives
 * it instead (archived_at), so that the answer never depends on cases the caller may not see. An
 * archived record is gone from the directory: its name is free again, and new references to it are
 * refused exactly as references to a deleted record (foreign_key_violation, same detail).
 */
export class HiddenCases1763900000009 implements MigrationInterface {
  name = 'HiddenCases1763900000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_reference_counters (
        year integer PRIMARY KEY CHECK (year BETWEEN 0 AND 9999),
        last_number bigint NOT NULL CHECK (last_number >= 0)
      );
      INSERT INTO case_reference_counters (year, last_number)
        SELECT substring(reference FROM 1 FOR 4)::int, max(substring(reference FROM '^\\d{4}-(\\d{1,9})$')::bigint)
          FROM cases WHERE reference ~ '^\\d{4}-\\d{1,9}$' GROUP BY 1;

      ALTER TABLE cases DROP CONSTRAINT cases_reference_key;
      CREATE UNIQUE INDEX cases_open_reference_key ON cases (reference) WHERE NOT restricted;

      ALTER TABLE authorities ADD COLUMN archived_at timestamptz;
      ALTER TABLE authorities DROP CONSTRAINT authorities_name_country_key;
      CREATE UNIQUE INDEX authorities_name_country_key ON authorities (name, country) WHERE archived_at IS NULL;
      ALTER TABLE inventory_items ADD COLUMN archived_at timestamptz;
      ALTER TABLE inventory_items DROP CONSTRAINT inventory_items_name_key;
      CREATE UNIQUE INDEX inventory_items_name_key ON inventory_items (name) WHERE archived_at IS NULL;
    `);
    // One small function per column, with static SQL (planned once), rather than one generic
    // function with dynamic SQL: these run on every insert of a case part.
    for (const [table, column, directory] of DIRECTORY_REFERENCES) {
      await q.query(`
        CREATE FUNCTION ${table}_${column}_not_archived() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.${column} IS NOT NULL
             AND (TG_OP = 'INSERT' OR NEW.${column} IS DISTINCT FROM OLD.${column})
             AND EXISTS (SELECT 1 FROM ${directory} WHERE id = NEW.${column} AND archived_at IS NOT NULL) THEN
            RAISE EXCEPTION 'insert or update on table "${table}" violates foreign key constraint'
              USING ERRCODE = 'foreign_key_violation',
                    DETAIL = format('Key (${column})=(%s) is not present in table "${directory}".', NEW.${column});
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER ${table}_${column}_not_archived BEFORE INSERT OR UPDATE OF ${column} ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ${table}_${column}_not_archived();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of DIRECTORY_REFERENCES) {
      await q.query(
        `DROP TRIGGER ${table}_${column}_not_archived ON ${table}; DROP FUNCTION ${table}_${column}_not_archived()`,
      );
    }
    await q.query(`
      -- Archived records come back into the directory, renamed so that their names stay unique.
      UPDATE inventory_items SET name = left(name, 150) || ' (archived ' || id || ')' WHERE archived_at IS NOT NULL;
      DROP INDEX inventory_items_name_key;
      ALTER TABLE inventory_items ADD CONSTRAINT inventory_items_name_key UNIQUE (name), DROP COLUMN archived_at;
      UPDATE authorities SET name = left(name, 250) || ' (archived ' || id || ')' WHERE archived_at IS NOT NULL;
      DROP INDEX authorities_name_country_key;
      ALTER TABLE authorities ADD CONSTRAINT authorities_name_country_key UNIQUE (name, country), DROP COLUMN archived_at;
      DROP INDEX cases_open_reference_key;
      ALTER TABLE cases ADD CONSTRAINT cases_reference_key UNIQUE (reference);
      DROP TABLE case_reference_counters;
    `);
  }
}
