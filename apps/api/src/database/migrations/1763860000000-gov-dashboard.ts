import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Tables whose rows the government dashboard sums; a change to any of them makes its figures stale. */
export const GOV_FACT_SOURCES = [
  'funding_needs',
  'matches',
  'match_events',
  'chain_members',
  'chain_core_enterprises',
  'chains',
  'firms',
  'organizations',
  'loan_products',
  'financial_years',
  'supply_links',
] as const;

/**
 * The government dashboard (GET /gov/chains …) sums needs, matches and their events over
 * every firm of an agency's region. Summed live, one figure alone took 47 s on 1M firms, so
 * the worker folds the rows into small fact tables, grouped by what the filters cut on —
 * chain, the firm's county (GB/T 2260), tier, bank and China month — and the API sums those.
 * The definitions of the figures are in modules/dashboards/dashboard-facts.sql.ts.
 *
 * - funding_needs.closed_at: when a need stopped being open (fulfilled or withdrawn), kept
 *   by a trigger, so "open at any time in a period" can be answered for past months.
 * - work_calendar: China's official working days (the response clock's calendar, written by
 *   the worker from chinese-days and the deployment's overrides) numbered in order, so a
 *   count of working days is one subtraction in SQL.
 * - gov_fact_*: the facts; gov_facts_state: when they were built and from which change.
 * - gov_facts_change_seq: bumped by a statement trigger on every table the facts sum (a
 *   sequence, not a row, so concurrent writers never queue on it), with a notification on
 *   channel lianrong_gov_facts that wakes the worker.
 */
export class GovDashboard1763860000000 implements MigrationInterface {
  name = 'GovDashboard1763860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "funding_needs" ADD "closed_at" TIMESTAMP WITH TIME ZONE`);
    // Needs closed before this column: when the audit trail says, else their last update.
    await q.query(
      `UPDATE "funding_needs" n SET "closed_at" = COALESCE(
         (SELECT min(a."at") FROM "audit_events" a
           WHERE a."entity_type" = 'need' AND a."entity_id" = n."id"
             AND a."action" IN ('need.withdrawn', 'need.fulfilled')),
         (SELECT min(e."at") FROM "match_events" e JOIN "matches" m ON m."id" = e."match_id"
           WHERE m."need_id" = n."id" AND e."to_status" = 'disbursed' AND n."status" = 'fulfilled'),
         n."updated_at")
        WHERE n."status" IN ('fulfilled', 'withdrawn')`,
    );
    await q.query(`
      CREATE FUNCTION "funding_needs_closed_at"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."status" IN ('fulfilled', 'withdrawn') THEN
          IF TG_OP = 'INSERT' OR OLD."status" NOT IN ('fulfilled', 'withdrawn') THEN
            NEW."closed_at" := COALESCE(NEW."closed_at", now());
          END IF;
        ELSE
          NEW."closed_at" := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER "funding_needs_closed_at" BEFORE INSERT OR UPDATE OF "status" ON "funding_needs"
         FOR EACH ROW EXECUTE FUNCTION "funding_needs_closed_at"()`,
    );
    await q.query(
      `ALTER TABLE "funding_needs" ADD CONSTRAINT "funding_needs_closed_at" CHECK (("status" IN ('fulfilled', 'withdrawn')) = ("closed_at" IS NOT NULL))`,
    );

    await q.query(`
      CREATE TABLE "work_calendar" (
        "day" date PRIMARY KEY,
        "workday" boolean NOT NULL,
        "workday_no" integer NOT NULL
      )`);

    const dims = `"chain_id" uuid, "region_code" character(6) NOT NULL, "tier" "public"."firm_tier" NOT NULL`;
    await q.query(`CREATE TABLE "gov_fact_firms" (${dims}, "firms" integer NOT NULL)`);
    await q.query(`
      CREATE TABLE "gov_fact_needs" (${dims},
        "start_month" date NOT NULL, "end_month" date NOT NULL,
        "needs" integer NOT NULL, "amount" bigint NOT NULL, "matched_needs" integer NOT NULL)`);
    await q.query(`
      CREATE TABLE "gov_fact_firm_spans" (${dims}, "bank_id" uuid,
        "kind" character varying(10) NOT NULL, "part" character varying(4) NOT NULL,
        "start_month" date NOT NULL, "end_month" date NOT NULL, "firms" integer NOT NULL,
        CONSTRAINT "gov_fact_firm_spans_kind" CHECK ("kind" IN ('need', 'credit') AND "part" IN ('run', 'gap')))`);
    await q.query(`
      CREATE TABLE "gov_fact_loans" (${dims}, "bank_id" uuid NOT NULL, "month" date NOT NULL,
        "applications" integer NOT NULL, "answered" integer NOT NULL, "overdue" integer NOT NULL,
        "approvals" integer NOT NULL, "approved_amount" bigint NOT NULL,
        "approved_rate_amount" numeric NOT NULL, "unsecured_amount" bigint NOT NULL,
        "declines" integer NOT NULL, "first_disbursements" integer NOT NULL,
        "disbursed_amount" bigint NOT NULL, "first_borrowers" integer NOT NULL)`);
    await q.query(`
      CREATE TABLE "gov_fact_response_days" (${dims}, "bank_id" uuid NOT NULL, "month" date NOT NULL,
        "days" integer NOT NULL, "applications" integer NOT NULL)`);
    await q.query(`
      CREATE TABLE "gov_fact_blocked" (${dims},
        "open_needs" integer NOT NULL, "blocked_needs" integer NOT NULL, "one_rule_away" integer NOT NULL)`);
    await q.query(`
      CREATE TABLE "gov_fact_blocker_codes" (${dims}, "code" character varying(40) NOT NULL,
        "needs" integer NOT NULL)`);
    // Every read narrows by a range of region codes (the agency's, or a city within it).
    for (const table of [
      'gov_fact_firms',
      'gov_fact_needs',
      'gov_fact_firm_spans',
      'gov_fact_loans',
      'gov_fact_response_days',
      'gov_fact_blocked',
      'gov_fact_blocker_codes',
    ]) {
      await q.query(`CREATE INDEX "${table}_region_idx" ON "${table}" ("region_code")`);
    }

    // The last verdict on each open need that holds no eligible match, with a digest of
    // everything the rules read for it (the need, its firm, the active products): a need
    // whose digest is unchanged is not judged again, which is most of them in every build.
    await q.query(`
      CREATE TABLE "gov_need_verdicts" (
        "need_id" uuid PRIMARY KEY REFERENCES "funding_needs"("id") ON DELETE CASCADE,
        "digest" character(40) NOT NULL,
        "eligible" boolean NOT NULL,
        "fewest_failures" smallint,
        "codes" character varying(40) array NOT NULL DEFAULT '{}'
      )`);
    await q.query(`
      CREATE TABLE "gov_facts_state" (
        "id" smallint PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
        "refreshed_at" TIMESTAMP WITH TIME ZONE,
        "change_seq" bigint,
        "duration_ms" integer,
        "blocker_needs" integer
      )`);
    await q.query(`INSERT INTO "gov_facts_state" ("id") VALUES (1)`);

    await q.query(`CREATE SEQUENCE "gov_facts_change_seq"`);
    await q.query(`
      CREATE FUNCTION "gov_facts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nextval('gov_facts_change_seq');
        PERFORM pg_notify('lianrong_gov_facts', '');
        RETURN NULL;
      END $$`);
    for (const table of GOV_FACT_SOURCES) {
      await q.query(
        `CREATE TRIGGER "${table}_gov_facts" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION "gov_facts_changed"()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of GOV_FACT_SOURCES) {
      await q.query(`DROP TRIGGER "${table}_gov_facts" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION "gov_facts_changed"()`);
    await q.query(`DROP SEQUENCE "gov_facts_change_seq"`);
    for (const table of [
      'gov_facts_state',
      'gov_need_verdicts',
      'gov_fact_blocker_codes',
      'gov_fact_blocked',
      'gov_fact_response_days',
      'gov_fact_loans',
      'gov_fact_firm_spans',
      'gov_fact_needs',
      'gov_fact_firms',
      'work_calendar',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`ALTER TABLE "funding_needs" DROP CONSTRAINT "funding_needs_closed_at"`);
    await q.query(`DROP TRIGGER "funding_needs_closed_at" ON "funding_needs"`);
    await q.query(`DROP FUNCTION "funding_needs_closed_at"()`);
    await q.query(`ALTER TABLE "funding_needs" DROP COLUMN "closed_at"`);
  }
}
