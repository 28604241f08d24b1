import { randomUUID } from 'node:crypto';
import { QueryFailedError } from 'typeorm';
import { demoIds } from '../../src/database/seeds/demo';
import { WORKING_CAPITAL_NEED } from './fixtures';
import {
  bearer,
  createTestApp,
  refreshCookieOf,
  registerFirm,
  type Session,
  type TestApp,
} from './test-app';

interface EventRow {
  id: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  actor_org_id: string | null;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
  subject_firm_id: string | null;
  region_code: string | null;
}

interface EventView {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { userId: string; email: string | null } | null;
  firm: { id: string; name: string } | null;
  regionCode: string | null;
  requestId: string | null;
  ip: string | null;
}

interface Page {
  items: EventView[];
  nextCursor: string | null;
}

const BOJIANG = demoIds.orgId('firm', 'bojiang');

describe('the audit trail', () => {
  let t: TestApp;
  let admin: Session;
  let gov: Session;
  let firm: Session;
  let bank: Session;
  let foreignGov: Session;

  /** A request id of this test's own, so its events can be told from every other suite's. */
  const rid = () => `test-${randomUUID()}`;

  const eventsOf = async (requestId: string): Promise<EventRow[]> =>
    t.db.query(`SELECT * FROM audit_events WHERE request_id = $1 ORDER BY id`, [requestId]);

  const trail = async (s: Session, search: string, status = 200): Promise<Page> =>
    (await t.http().get(`/api/v1/audit-events?${search}`).set(bearer(s)).expect(status))
      .body as Page;

  beforeAll(async () => {
    t = await createTestApp();
    [admin, gov, firm, bank] = await Promise.all(
      ['admin', 'gov', 'firm', 'bank'].map((r) => t.login(`${r}@lianrong.demo`)),
    );
    // An agency of another province, with its own officer.
    const agency = await t
      .http()
      .post('/api/v1/admin/orgs')
      .set(bearer(admin))
      .send({ kind: 'gov_agency', name: `新疆测试厅${Date.now()}`, regionCode: '650000' })
      .expect(201);
    const email = `xj-${Date.now()}@gov.test`;
    await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        email,
        password: 'Xinjiang#2026x',
        displayName: '新疆测试处长',
        role: 'gov',
        organizationId: agency.body.id,
      })
      .expect(201);
    foreignGov = await t.login(email, 'Xinjiang#2026x');
  });
  afterAll(() => t.close());

  describe('in the database', () => {
    const refusal = async (sql: string): Promise<{ code?: string; message: string }> => {
      const error: unknown = await t.db.query(sql).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(QueryFailedError);
      const pg = (error as QueryFailedError).driverError as { code?: string; message: string };
      return { code: pg.code, message: pg.message };
    };

    it.each([
      ['UPDATE', `UPDATE audit_events SET action = 'rewritten'`],
      [
        'UPDATE',
        `UPDATE audit_events SET data = NULL WHERE id = (SELECT max(id) FROM audit_events)`,
      ],
      ['UPDATE', `UPDATE audit_events SET action = 'x' WHERE false`],
      ['DELETE', `DELETE FROM audit_events`],
      ['DELETE', `DELETE FROM audit_events WHERE id = (SELECT min(id) FROM audit_events)`],
      ['TRUNCATE', `TRUNCATE audit_events`],
    ])('refuses %s (%s)', async (op, sql) => {
      const before = await t.db.query(
        `SELECT count(*)::int AS n, max(id) AS last FROM audit_events`,
      );
      expect(await refusal(sql)).toEqual({
        code: '42501',
        message: `audit_events is append-only: ${op} refused`,
      });
      const after = await t.db.query(
        `SELECT count(*)::int AS n, max(id) AS last FROM audit_events`,
      );
      expect(after[0].n).toBeGreaterThanOrEqual(before[0].n);
      expect(after[0].last).toBe(before[0].last);
    });

    it('still takes new events, and stamps their firm and region whatever the insert says', async () => {
      const [row] = (await t.db.query(
        `INSERT INTO audit_events (entity_type, entity_id, action, subject_firm_id, region_code)
         VALUES ('firm', $1, 'test.inserted', NULL, '650000') RETURNING *`,
        [BOJIANG],
      )) as EventRow[];
      expect(row.subject_firm_id).toBe(BOJIANG);
      expect(row.region_code).toMatch(/^43/);
    });
  });

  describe('sessions', () => {
    it('records a login with the user, the request id it answered with and the address', async () => {
      const id = rid();
      const res = await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Request-Id', id)
        .send({ email: 'firm@lianrong.demo', password: 'Lianrong@2026' })
        .expect(200);
      expect(res.headers['x-request-id']).toBe(id);
      const events = await eventsOf(id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'session.login',
        entity_type: 'user',
        entity_id: res.body.user.id,
        actor_user_id: res.body.user.id,
        actor_org_id: BOJIANG,
        subject_firm_id: BOJIANG,
      });
      expect(events[0].ip).toMatch(/^(127\.0\.0\.1|::1)$/);
    });

    it('records a failed login for a known user (no actor) and for an unknown email (no entity)', async () => {
      const wrong = rid();
      await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Request-Id', wrong)
        .send({ email: 'firm@lianrong.demo', password: 'not-the-password' })
        .expect(401);
      const [known] = await eventsOf(wrong);
      expect(known).toMatchObject({
        action: 'session.login_failed',
        entity_type: 'user',
        actor_user_id: null,
        actor_org_id: null,
        data: { email: 'firm@lianrong.demo', reason: 'wrong_password' },
        subject_firm_id: BOJIANG,
      });
      expect(known.entity_id).toBe(firm.user.id);

      const unknown = rid();
      await t
        .http()
        .post('/api/v1/auth/login')
        .set('X-Request-Id', unknown)
        .send({ email: 'nobody-here@example.test', password: 'whatever-it-is' })
        .expect(401);
      expect(await eventsOf(unknown)).toMatchObject([
        {
          action: 'session.login_failed',
          entity_id: null,
          actor_user_id: null,
          data: { email: 'nobody-here@example.test', reason: 'unknown_email' },
          region_code: null,
        },
      ]);
    });

    it('records a refresh, a replayed refresh token (nobody as actor), a logout and a logout everywhere', async () => {
      const session = await t.login('bank@lianrong.demo');
      const refresh = (cookie: string, id: string) =>
        t.http().post('/api/v1/auth/refresh').set('Cookie', cookie).set('X-Request-Id', id);
      const refreshed = rid();
      const next = await refresh(session.refreshCookie, refreshed).expect(200);
      expect(await eventsOf(refreshed)).toMatchObject([
        { action: 'session.refreshed', actor_user_id: session.user.id },
      ]);

      // Presented again after the grace a racing second tab gets: a replay.
      await t.db.query(
        `UPDATE refresh_tokens SET spent_at = now() - interval '1 minute' WHERE id = $1`,
        [session.refreshCookie.split('=')[1].split('.')[0]],
      );
      const replay = rid();
      await refresh(session.refreshCookie, replay).expect(401);
      const [reused] = await eventsOf(replay);
      expect(reused).toMatchObject({
        action: 'session.refresh_reused',
        entity_type: 'user',
        entity_id: session.user.id,
        actor_user_id: null,
      });
      expect(reused.data).toHaveProperty('familyId');
      // The replayed family is revoked: its newest token is refused, and nothing more is written.
      const dead = rid();
      await refresh(refreshCookieOf(next), dead).expect(401);
      expect(await eventsOf(dead)).toEqual([]);

      const other = await t.login('bank@lianrong.demo');
      const out = rid();
      await t
        .http()
        .post('/api/v1/auth/logout')
        .set('Cookie', other.refreshCookie)
        .set('X-Request-Id', out)
        .expect(204);
      expect(await eventsOf(out)).toMatchObject([
        { action: 'session.logout', actor_user_id: other.user.id, entity_id: other.user.id },
      ]);

      // A user of its own: signing out everywhere ends the sessions other tests hold.
      const third = await registerFirm(t);
      const everywhere = rid();
      await t
        .http()
        .post('/api/v1/auth/logout-all')
        .set(bearer(third))
        .set('X-Request-Id', everywhere)
        .expect(204);
      expect(await eventsOf(everywhere)).toMatchObject([
        { action: 'session.logout_all', actor_user_id: third.user.id, entity_id: third.user.id },
      ]);
    });
  });

  describe('state-changing requests', () => {
    it('keeps the one event a service writes, without a second from the route', async () => {
      const id = rid();
      const need = await t
        .http()
        .post('/api/v1/needs')
        .set(bearer(firm))
        .set('X-Request-Id', id)
        .send(WORKING_CAPITAL_NEED)
        .expect(201);
      expect(await eventsOf(id)).toMatchObject([
        {
          action: 'need.created',
          entity_type: 'need',
          entity_id: need.body.id,
          actor_user_id: firm.user.id,
          to_status: 'open',
          subject_firm_id: BOJIANG,
        },
      ]);
    });

    it('writes an event for a route whose service writes none', async () => {
      const id = rid();
      await t
        .http()
        .post('/api/v1/notifications/read-all')
        .set(bearer(firm))
        .set('X-Request-Id', id)
        .expect(200);
      expect(await eventsOf(id)).toMatchObject([
        {
          action: 'notification.read_all',
          entity_type: 'notification',
          actor_user_id: firm.user.id,
          data: { route: 'POST /api/v1/notifications/read-all' },
        },
      ]);
    });

    it('writes nothing for a request that changes nothing or is refused', async () => {
      const needs = (await t.http().get('/api/v1/needs').set(bearer(firm)).expect(200)).body as {
        items: { id: string }[];
      };
      const whatIf = rid();
      await t
        .http()
        .post(`/api/v1/needs/${needs.items[0].id}/what-if`)
        .set(bearer(firm))
        .set('X-Request-Id', whatIf)
        .send({ amount: 3_000_000 })
        .expect(200);
      const refused = rid();
      await t
        .http()
        .post('/api/v1/needs')
        .set(bearer(firm))
        .set('X-Request-Id', refused)
        .send({ ...WORKING_CAPITAL_NEED, amount: -1 })
        .expect(400);
      expect([...(await eventsOf(whatIf)), ...(await eventsOf(refused))]).toEqual([]);
    });

    it('records what an admin does on the queue board', async () => {
      const opened = rid();
      await t
        .http()
        .post('/api/v1/admin/queues/session')
        .set(bearer(admin))
        .set('X-Request-Id', opened)
        .expect(204);
      expect(await eventsOf(opened)).toMatchObject([
        { action: 'queue_board.opened', actor_user_id: admin.user.id },
      ]);
      const ids = [rid(), rid()];
      for (const [i, step] of ['pause', 'resume'].entries()) {
        await t
          .http()
          .put(`/admin/queues/api/queues/response-clock/${step}`)
          .set(bearer(admin))
          .set('X-Request-Id', ids[i])
          .expect((res) => expect(res.status).toBeLessThan(300));
      }
      // Written once the response has gone out: wait for both, or for Jest's timeout.
      let events: EventRow[] = [];
      while (events.length < 2) {
        await new Promise((r) => setTimeout(r, 50));
        events = [...(await eventsOf(ids[0])), ...(await eventsOf(ids[1]))];
      }
      expect(events).toMatchObject([
        {
          action: 'queue_board.changed',
          actor_user_id: admin.user.id,
          data: { route: 'PUT /admin/queues/api/queues/response-clock/pause' },
        },
        {
          action: 'queue_board.changed',
          data: { route: 'PUT /admin/queues/api/queues/response-clock/resume' },
        },
      ]);
    });
  });

  describe('GET /audit-events', () => {
    it('answers 403 to firms and banks, 401 without a token', async () => {
      await t.http().get('/api/v1/audit-events').set(bearer(firm)).expect(403);
      await t.http().get('/api/v1/audit-events').set(bearer(bank)).expect(403);
      await t.http().get('/api/v1/audit-events').expect(401);
    });

    it("shows an agency its region's events only, without addresses", async () => {
      const page = await trail(gov, 'limit=200');
      expect(page.items.length).toBeGreaterThan(0);
      for (const e of page.items) {
        expect({ id: e.id, region: e.regionCode?.slice(0, 2) }).toEqual({ id: e.id, region: '43' });
        expect(e.ip).toBeNull();
      }
      const firmEvents = await trail(gov, `firmId=${BOJIANG}&action=session.login`);
      expect(firmEvents.items.length).toBeGreaterThan(0);
      expect(firmEvents.items.every((e) => e.firm?.id === BOJIANG)).toBe(true);
      // Platform events concern no region: a failed login for an unknown email.
      expect((await trail(gov, 'action=session.login_failed')).items.some((e) => !e.entityId)).toBe(
        false,
      );
    });

    it('shows an agency of another region none of them', async () => {
      const all = await trail(foreignGov, 'limit=200');
      expect(all.items.filter((e) => !e.regionCode?.startsWith('65'))).toEqual([]);
      expect((await trail(foreignGov, `firmId=${BOJIANG}`)).items).toEqual([]);
      expect((await trail(foreignGov, 'action=session.')).items).toEqual([]);
    });

    it('shows an admin everything, addresses included', async () => {
      const failed = await trail(admin, 'action=session.login_failed&limit=200');
      expect(failed.items.some((e) => e.entityId === null)).toBe(true);
      expect(failed.items.some((e) => e.ip !== null)).toBe(true);
      const board = await trail(admin, 'entityType=queue');
      expect(board.items.length).toBeGreaterThan(0);
    });

    it('filters by actor (email or id), action prefix, entity type and time', async () => {
      const byEmail = await trail(admin, `actor=${encodeURIComponent('firm@lianrong')}&limit=200`);
      expect(byEmail.items.length).toBeGreaterThan(0);
      expect(byEmail.items.every((e) => e.actor?.email === 'firm@lianrong.demo')).toBe(true);
      const byId = await trail(admin, `actor=${firm.user.id}&limit=200`);
      expect(byId.items.map((e) => e.id)).toEqual(byEmail.items.map((e) => e.id));

      const sessions = await trail(admin, 'action=session.&limit=200');
      expect(sessions.items.every((e) => e.action.startsWith('session.'))).toBe(true);
      // `_` is a letter here, not LIKE's any-character.
      expect((await trail(admin, 'action=session_login')).items).toEqual([]);

      const needs = await trail(admin, 'entityType=need&limit=200');
      expect(needs.items.length).toBeGreaterThan(0);
      expect(needs.items.every((e) => e.entityType === 'need')).toBe(true);

      const latest = (await trail(admin, 'limit=1')).items[0];
      const at = new Date(latest.at);
      const within = await trail(
        admin,
        `from=${encodeURIComponent(at.toISOString())}&to=${encodeURIComponent(new Date(at.getTime() + 1).toISOString())}`,
      );
      expect(within.items.map((e) => e.id)).toContain(latest.id);
      const future = new Date(Date.now() + 86_400_000).toISOString();
      expect((await trail(admin, `from=${encodeURIComponent(future)}`)).items).toEqual([]);
    });

    it('pages newest first with a keyset cursor, without gaps or repeats', async () => {
      const whole = await trail(admin, 'limit=9');
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await trail(admin, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 9);
      expect(seen).toEqual(whole.items.map((e) => e.id));
      const numbers = seen.map(Number);
      expect([...numbers].sort((a, b) => b - a)).toEqual(numbers);
    });

    it.each([
      ['cursor', 'cursor=abc'],
      ['cursor', 'cursor=-1'],
      ['limit', 'limit=0'],
      ['limit', 'limit=201'],
      ['action', 'action=DROP%20TABLE'],
      ['entityType', 'entityType=need%27%3B'],
      ['firmId', 'firmId=bojiang'],
      ['from', 'from=yesterday'],
      ['to', 'from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z'],
      ['actor', `actor=${'x'.repeat(101)}`],
    ])('answers 400 naming %s for %s', async (field, search) => {
      const res = await t
        .http()
        .get(`/api/v1/audit-events?${search}`)
        .set(bearer(admin))
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });
  });

  describe('GET /audit-events/export.csv', () => {
    it('exports the filtered trail as CSV that Excel reads, and records the export', async () => {
      const filter = `actor=${encodeURIComponent('firm@lianrong.demo')}`;
      const json = await trail(admin, `${filter}&limit=200`);
      const id = rid();
      const res = await t
        .http()
        .get(`/api/v1/audit-events/export.csv?${filter}`)
        .set(bearer(admin))
        .set('X-Request-Id', id)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain('audit-trail.csv');
      const text = res.body as string;
      expect(text.startsWith('\uFEFF"时间（北京时间）","操作人"')).toBe(true);
      const lines = text.trim().split('\r\n');
      // Fields here hold no line breaks: one line per event after the header.
      expect(lines.length - 1).toBe(json.items.length);
      expect(lines[1]).toContain(`"${json.items[0].id}"`);
      expect(lines[1]).toMatch(/^"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00"/);
      expect(await eventsOf(id)).toMatchObject([
        {
          action: 'audit.exported',
          actor_user_id: admin.user.id,
          data: { filters: { actor: 'firm@lianrong.demo' } },
        },
      ]);
    });

    it('gives an agency its own region only', async () => {
      const res = await t
        .http()
        .get('/api/v1/audit-events/export.csv?action=session.')
        .set(bearer(foreignGov))
        .buffer(true)
        .parse((response, done) => {
          let body = '';
          response.on('data', (c: Buffer) => (body += c.toString()));
          response.on('end', () => done(null, body));
        })
        .expect(200);
      expect((res.body as string).trim().split('\r\n')).toHaveLength(1);
    });

    it('answers 400 with the error shape for a bad filter', async () => {
      const res = await t
        .http()
        .get('/api/v1/audit-events/export.csv?from=nope')
        .set(bearer(admin))
        .expect(400);
      expect(res.body.details[0].field).toBe('from');
    });
  });
});
