import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns that point at a unit: [table, column]. */
const UNIT_REFERENCES = [
  ['cases', 'unit_id'],
  ['org_units', 'parent_id'],
] as const;

/**
 * Units are removed like the other directories (see HiddenCases1763900000009): deleting a unit that
 * a case still belongs to archives it instead, so that the answer never depends on cases the
 * caller (an admin, who sees no case) may not see. An archived unit is gone from the list, its name
 * is free again under its parent, and new references to it are refused exactly as references to a
 * deleted unit. Cases keep it, so their case files, documents and reports still name it.
 */
export class ArchivedUnits1763900000020 implements MigrationInterface {
  name = 'ArchivedUnits1763900000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE org_units ADD COLUMN archived_at timestamptz;
      ALTER TABLE org_units DROP CONSTRAINT org_units_name_key;
      CREATE UNIQUE INDEX org_units_name_key ON org_units (parent_id, name) NULLS NOT DISTINCT
        WHERE archived_at IS NULL;
    `);
    for (const [table, column] of UNIT_REFERENCES) {
      await q.query(`
        CREATE FUNCTION ${table}_${column}_not_archived() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.${column} IS NOT NULL
             AND (TG_OP = 'INSERT' OR NEW.${column} IS DISTINCT FROM OLD.${column})
             AND EXISTS (SELECT 1 FROM org_units WHERE id = NEW.${column} AND archived_at IS NOT NULL) THEN
            RAISE EXCEPTION 'insert or update on table "${table}" violates foreign key constraint'
              USING ERRCODE = 'foreign_key_violation',
                    DETAIL = format('Key (${column})=(%s) is not present in table "org_units".', NEW.${column});
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER ${table}_${column}_not_archived BEFORE INSERT OR UPDATE OF ${column} ON ${table}
          FOR EACH ROW EXECUTE FUNCTION ${table}_${column}_not_archived();
      `);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, column] of UNIT_REFERENCES) {
      await q.query(
        `DROP TRIGGER ${table}_${column}_not_archived ON ${table}; DROP FUNCTION ${table}_${column}_not_archived()`,
      );
    }
    await q.query(`
      -- Archived units come back, renamed so that their names stay unique under their parent.
      UPDATE org_units SET name = left(name, 150) || ' (archived ' || id || ')' WHERE archived_at IS NOT NULL;
      DROP INDEX org_units_name_key;
      ALTER TABLE org_units ADD CONSTRAINT org_units_name_key UNIQUE NULLS NOT DISTINCT (parent_id, name),
        DROP COLUMN archived_at;
    `);
  }
}
