import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Full-text search over a case and its timeline through one index. Searching the timeline with
 * an EXISTS beside the case's own vector cannot use an index and read every case for a rare word
 * (269 ms on 100,000 cases); one GIN index over both vectors answers in well under a millisecond.
 */
export class SearchAcrossTimeline1763900000003 implements MigrationInterface {
  name = 'SearchAcrossTimeline1763900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE cases ADD COLUMN timeline_search tsvector NOT NULL DEFAULT ''::tsvector;

      CREATE FUNCTION case_timeline_search(p_case_id uuid) RETURNS tsvector LANGUAGE sql STABLE AS $$
        SELECT coalesce(
          to_tsvector('simple'::regconfig, string_agg(description, ' ')) ||
          to_tsvector('german'::regconfig, string_agg(description, ' ')) ||
          to_tsvector('english'::regconfig, string_agg(description, ' ')),
          ''::tsvector)
        FROM timeline_events WHERE case_id = p_case_id
      $$;

      CREATE FUNCTION timeline_events_refresh_case_search() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE cases SET timeline_search = case_timeline_search(OLD.case_id) WHERE id = OLD.case_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') AND (TG_OP = 'INSERT' OR NEW.case_id <> OLD.case_id) THEN
          UPDATE cases SET timeline_search = case_timeline_search(NEW.case_id) WHERE id = NEW.case_id;
        END IF;
        RETURN NULL;
      END $$;

      CREATE TRIGGER timeline_events_search AFTER INSERT OR UPDATE OF description, case_id OR DELETE ON timeline_events
        FOR EACH ROW EXECUTE FUNCTION timeline_events_refresh_case_search();

      UPDATE cases c SET timeline_search = case_timeline_search(c.id)
        WHERE EXISTS (SELECT 1 FROM timeline_events t WHERE t.case_id = c.id);

      CREATE INDEX cases_search_all_idx ON cases USING gin ((search || timeline_search));
      DROP INDEX cases_search_idx;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX cases_search_idx ON cases USING gin (search);
      DROP INDEX cases_search_all_idx;
      DROP TRIGGER timeline_events_search ON timeline_events;
      DROP FUNCTION timeline_events_refresh_case_search();
      DROP FUNCTION case_timeline_search(uuid);
      ALTER TABLE cases DROP COLUMN timeline_search;
    `);
  }
}
