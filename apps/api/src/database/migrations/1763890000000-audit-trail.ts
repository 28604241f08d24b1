import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The audit trail becomes evidence: each event keeps the request it came from (request id,
 * client address), events without an entity are possible (a failed login for an unknown
 * email), each event is stamped with the firm it concerns and the region of that firm, chain
 * or roadshow (what a government agency may read), and the table refuses UPDATE, DELETE and
 * TRUNCATE.
 *
 * The refusal is a trigger, so it holds for every client of the database, the API's own
 * connection included. A role that owns the table can still drop the trigger; deployments
 * that want that closed too run the API as a role without ownership (and revoke UPDATE,
 * DELETE and TRUNCATE on audit_events from it).
 */
export class AuditTrail1763890000000 implements MigrationInterface {
  name = 'AuditTrail1763890000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "entity_id" DROP NOT NULL`);
    await q.query(`ALTER TABLE "audit_events" ADD "request_id" character varying(64)`);
    await q.query(`ALTER TABLE "audit_events" ADD "ip" character varying(64)`);
    await q.query(`ALTER TABLE "audit_events" ADD "subject_firm_id" uuid`);
    await q.query(`ALTER TABLE "audit_events" ADD "region_code" character(6)`);

    // The firm an event concerns: itself, or through its need, match, claim, supply link
    // (the supplier's) or user. Banks' products and platform organisations concern none.
    await q.query(
      `CREATE FUNCTION "audit_subject_firm"(p_type text, p_id uuid) RETURNS uuid
       LANGUAGE sql STABLE AS $$
         SELECT CASE p_type
           WHEN 'firm' THEN (SELECT o.id FROM organizations o WHERE o.id = p_id AND o.kind = 'firm')
           WHEN 'organization' THEN (SELECT o.id FROM organizations o WHERE o.id = p_id AND o.kind = 'firm')
           WHEN 'need' THEN (SELECT n.firm_id FROM funding_needs n WHERE n.id = p_id)
           WHEN 'match' THEN (SELECT m.firm_id FROM matches m WHERE m.id = p_id)
           WHEN 'firm_claim' THEN (SELECT c.firm_id FROM firm_claims c WHERE c.id = p_id)
           WHEN 'supply_link' THEN (SELECT s.supplier_id FROM supply_links s WHERE s.id = p_id)
           WHEN 'user' THEN (SELECT o.id FROM users u JOIN organizations o ON o.id = u.organization_id
                              WHERE u.id = p_id AND o.kind = 'firm')
         END
       $$`,
    );
    // The region an event concerns: its firm's, or the chain's or roadshow's. What a
    // government agency may read of the trail; events without one are for admins only.
    await q.query(
      `CREATE FUNCTION "audit_subject_region"(p_type text, p_id uuid, p_firm uuid) RETURNS character(6)
       LANGUAGE sql STABLE AS $$
         SELECT CASE
           WHEN p_firm IS NOT NULL THEN (SELECT o.region_code FROM organizations o WHERE o.id = p_firm)
           WHEN p_type = 'chain' THEN (SELECT c.region_code FROM chains c WHERE c.id = p_id)
           WHEN p_type = 'roadshow' THEN (SELECT r.region_code FROM roadshows r WHERE r.id = p_id)
         END
       $$`,
    );
    await q.query(
      `UPDATE "audit_events" SET "subject_firm_id" = audit_subject_firm("entity_type", "entity_id")
        WHERE "entity_id" IS NOT NULL`,
    );
    await q.query(
      `UPDATE "audit_events"
          SET "region_code" = audit_subject_region("entity_type", "entity_id", "subject_firm_id")
        WHERE "entity_id" IS NOT NULL`,
    );
    // Stamped by the database, whatever the insert says: no client decides who may read it.
    await q.query(
      `CREATE FUNCTION "audit_events_stamp_subject"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         NEW.subject_firm_id := NULL;
         NEW.region_code := NULL;
         IF NEW.entity_id IS NOT NULL THEN
           NEW.subject_firm_id := audit_subject_firm(NEW.entity_type, NEW.entity_id);
           NEW.region_code := audit_subject_region(NEW.entity_type, NEW.entity_id, NEW.subject_firm_id);
         END IF;
         RETURN NEW;
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER "audit_events_subject" BEFORE INSERT ON "audit_events"
       FOR EACH ROW EXECUTE FUNCTION audit_events_stamp_subject()`,
    );

    // Statement-level: an UPDATE or DELETE is refused even when it would touch no row.
    await q.query(
      `CREATE FUNCTION "audit_events_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await q.query(
      `CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_events"
       FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change()`,
    );

    // The reading side: newest first within an agency's region, or by one actor.
    await q.query(
      `CREATE INDEX "audit_events_region_idx" ON "audit_events" ("region_code" bpchar_pattern_ops, "id")`,
    );
    await q.query(
      `CREATE INDEX "audit_events_actor_idx" ON "audit_events" ("actor_user_id", "id")`,
    );
    await q.query(
      `CREATE INDEX "audit_events_firm_idx" ON "audit_events" ("subject_firm_id", "id") WHERE "subject_firm_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "audit_events_firm_idx"`);
    await q.query(`DROP INDEX "audit_events_actor_idx"`);
    await q.query(`DROP INDEX "audit_events_region_idx"`);
    await q.query(`DROP TRIGGER "audit_events_append_only" ON "audit_events"`);
    await q.query(`DROP FUNCTION "audit_events_refuse_change"()`);
    await q.query(`DROP TRIGGER "audit_events_subject" ON "audit_events"`);
    await q.query(`DROP FUNCTION "audit_events_stamp_subject"()`);
    await q.query(`DROP FUNCTION "audit_subject_region"(text, uuid, uuid)`);
    await q.query(`DROP FUNCTION "audit_subject_firm"(text, uuid)`);
    // The old schema has no place for events without an entity.
    await q.query(`DELETE FROM "audit_events" WHERE "entity_id" IS NULL`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "entity_id" SET NOT NULL`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "subject_firm_id"`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "region_code"`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "ip"`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "request_id"`);
  }
}
