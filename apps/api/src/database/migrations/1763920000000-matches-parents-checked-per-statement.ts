import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The two foreign keys this replaces, as the initial schema named them. */
const NEED_FK = 'FK_53700350f1815df6cdec2f93f5e';
const PRODUCT_FK = 'FK_0de7c4c3b7fa875e15d00d49d79';

/**
 * `matches.need_id` and `matches.product_id` keep what their foreign keys guaranteed —
 * every match's need and product exist, and deleting one deletes its matches — but are
 * checked once per statement instead of once per row.
 *
 * A full rematch inserts ~10M rows. A foreign key checks each row on its own (one lookup
 * and one row lock per key per row), and on this table that was most of an insert's cost:
 * 1M rows into a copy of `matches` with all its indexes took 11.4 s and 11.8 s with the two
 * keys, 3.4 s and 3.7 s without them, and 4.3 s and 4.5 s with the statement check below
 * (closing note of issue 12; the rows of a real rematch, in its order).
 *
 * - After each insert, the statement's distinct needs and products are looked up and
 *   locked FOR KEY SHARE, as a foreign key's check locks them: a concurrent delete of one
 *   waits for the inserting transaction, and then deletes these rows with it; one deleted
 *   already makes the insert fail with the foreign key's error (23503).
 * - A match's need and product never change; an update that tries is refused.
 * - Deleting needs or products deletes their matches (the keys were ON DELETE CASCADE).
 *   The app never deletes either (needs are withdrawn, products paused); this keeps the
 *   data whole if an operator does. Their ids never change, and they cannot be truncated
 *   while matches exist.
 */
export class MatchesParentsCheckedPerStatement1763920000000 implements MigrationInterface {
  name = 'MatchesParentsCheckedPerStatement1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matches" DROP CONSTRAINT "${NEED_FK}"`);
    await q.query(`ALTER TABLE "matches" DROP CONSTRAINT "${PRODUCT_FK}"`);
    await q.query(`
      CREATE FUNCTION "matches_parents_exist"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        missing bigint;
      BEGIN
        WITH wanted AS (SELECT DISTINCT need_id AS id FROM inserted),
             locked AS (SELECT n.id FROM funding_needs n JOIN wanted w ON w.id = n.id FOR KEY SHARE OF n)
        SELECT (SELECT count(*) FROM wanted) - (SELECT count(*) FROM locked) INTO missing;
        IF missing > 0 THEN
          RAISE EXCEPTION 'a match refers to a funding need that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'matches', COLUMN = 'need_id';
        END IF;
        WITH wanted AS (SELECT DISTINCT product_id AS id FROM inserted),
             locked AS (SELECT p.id FROM loan_products p JOIN wanted w ON w.id = p.id FOR KEY SHARE OF p)
        SELECT (SELECT count(*) FROM wanted) - (SELECT count(*) FROM locked) INTO missing;
        IF missing > 0 THEN
          RAISE EXCEPTION 'a match refers to a loan product that does not exist'
            USING ERRCODE = 'foreign_key_violation', TABLE = 'matches', COLUMN = 'product_id';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER "matches_parents_exist" AFTER INSERT ON "matches"
        REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION "matches_parents_exist"()`);
    await q.query(`
      CREATE FUNCTION "matches_pair_fixed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a match keeps its funding need and loan product'
          USING ERRCODE = 'foreign_key_violation', TABLE = 'matches';
      END $$`);
    await q.query(`
      CREATE TRIGGER "matches_pair_fixed" BEFORE UPDATE OF need_id, product_id ON "matches"
        FOR EACH ROW WHEN (OLD.need_id IS DISTINCT FROM NEW.need_id OR OLD.product_id IS DISTINCT FROM NEW.product_id)
        EXECUTE FUNCTION "matches_pair_fixed"()`);
    for (const [parent, column] of [
      ['funding_needs', 'need_id'],
      ['loan_products', 'product_id'],
    ] as const) {
      await q.query(`
        CREATE FUNCTION "${parent}_matches_cascade"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM matches m USING removed r WHERE m.${column} = r.id;
          RETURN NULL;
        END $$`);
      await q.query(`
        CREATE TRIGGER "${parent}_matches_cascade" AFTER DELETE ON "${parent}"
          REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "${parent}_matches_cascade"()`);
      await q.query(`
        CREATE FUNCTION "${parent}_matches_kept"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' AND NOT EXISTS (SELECT 1 FROM matches) THEN
            RETURN NULL;
          END IF;
          RAISE EXCEPTION '% is referred to by matches', TG_TABLE_NAME
            USING ERRCODE = CASE WHEN TG_OP = 'TRUNCATE' THEN 'feature_not_supported' ELSE 'foreign_key_violation' END;
        END $$`);
      await q.query(`
        CREATE TRIGGER "${parent}_id_fixed" BEFORE UPDATE OF id ON "${parent}"
          FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "${parent}_matches_kept"()`);
      await q.query(`
        CREATE TRIGGER "${parent}_truncate_kept" BEFORE TRUNCATE ON "${parent}"
          FOR EACH STATEMENT EXECUTE FUNCTION "${parent}_matches_kept"()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const parent of ['funding_needs', 'loan_products']) {
      await q.query(`DROP TRIGGER "${parent}_truncate_kept" ON "${parent}"`);
      await q.query(`DROP TRIGGER "${parent}_id_fixed" ON "${parent}"`);
      await q.query(`DROP FUNCTION "${parent}_matches_kept"()`);
      await q.query(`DROP TRIGGER "${parent}_matches_cascade" ON "${parent}"`);
      await q.query(`DROP FUNCTION "${parent}_matches_cascade"()`);
    }
    await q.query(`DROP TRIGGER "matches_pair_fixed" ON "matches"`);
    await q.query(`DROP FUNCTION "matches_pair_fixed"()`);
    await q.query(`DROP TRIGGER "matches_parents_exist" ON "matches"`);
    await q.query(`DROP FUNCTION "matches_parents_exist"()`);
    await q.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "${PRODUCT_FK}" FOREIGN KEY ("product_id") REFERENCES "loan_products"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "${NEED_FK}" FOREIGN KEY ("need_id") REFERENCES "funding_needs"("id") ON DELETE CASCADE`,
    );
  }
}
