import { WorkingCalendar } from '../../src/modules/matches/response-clock';
import { NotificationsService } from '../../src/modules/notifications/notifications.service';
import { OverdueApplications } from '../../src/modules/notifications/overdue/overdue-applications.service';
import { WORKING_CAPITAL_NEED, creditProduct } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';
import { eventually, startWorker } from './worker-process';

// Wednesday 19 March 2025, 10:00 in Changsha. No holiday that month: the working days before
// it are the 18th, 17th, 14th, 13th, 12th, 11th …
const NOW = new Date('2025-03-19T02:00:00Z');
const SIX_WORKING_DAYS_EARLIER = new Date('2025-03-11T02:00:00Z'); // Tuesday
const THREE_WORKING_DAYS_EARLIER = new Date('2025-03-14T02:00:00Z'); // Friday

describe('the response clock’s overdue notices', () => {
  let t: TestApp;
  let overdue: OverdueApplications;
  let bankId: string;
  let officers: Session[];
  let disabledOfficer: string;
  let firm: Session;
  const calendar = new WorkingCalendar();

  beforeAll(async () => {
    t = await createTestApp();
    overdue = new OverdueApplications(t.db, t.app.get(NotificationsService), calendar);
    const admin = await t.login('admin@lianrong.demo');
    const bank = await t
      .http()
      .post('/api/v1/admin/orgs')
      .set(bearer(admin))
      .send({ kind: 'bank', name: `响应时限测试银行${Date.now()}`, regionCode: '430000' })
      .expect(201);
    bankId = bank.body.id;
    const officer = async (n: number) => {
      const email = `officer${n}-${Date.now()}@clock.test`;
      await t
        .http()
        .post('/api/v1/admin/users')
        .set(bearer(admin))
        .send({
          email,
          password: 'Secret#12345',
          displayName: `客户经理${n}`,
          role: 'bank',
          organizationId: bankId,
        })
        .expect(201);
      return t.login(email, 'Secret#12345');
    };
    officers = [await officer(1), await officer(2)];
    const gone = await officer(3);
    disabledOfficer = gone.user.id;
    await t.db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabledOfficer]);
    firm = await registerFirm(t, { name: `响应时限测试企业${Date.now()}有限公司` });
  });
  afterAll(() => t.close());

  /** An application to a product of the test bank, made at `appliedAt`, as the review flow leaves it. */
  async function application(appliedAt: Date, firstResponseAt: Date | null = null) {
    const product = await t
      .http()
      .post('/api/v1/products')
      .set(bearer(officers[0]))
      .send(creditProduct(`时限贷${Date.now() % 100000}`))
      .expect(201);
    const need = await t
      .http()
      .post('/api/v1/needs')
      .set(bearer(firm))
      .send(WORKING_CAPITAL_NEED)
      .expect(201);
    const [match] = await t.db.query(
      `INSERT INTO matches (need_id, product_id, firm_id, bank_id, engine_version, status, applied_at, first_response_at)
       VALUES ($1, $2, $3, $4, 'test', $5, $6, $7) RETURNING id`,
      [
        need.body.id,
        product.body.id,
        firm.user.organization.id,
        bankId,
        firstResponseAt ? 'in_review' : 'applied',
        appliedAt,
        firstResponseAt,
      ],
    );
    return { id: match.id as string, productName: product.body.name as string };
  }

  const noticesOf = async (matchId: string) =>
    (await t.db.query(
      `SELECT user_id, dedupe_key FROM notifications
        WHERE match_id = $1 AND kind = 'application_overdue' ORDER BY user_id, dedupe_key`,
      [matchId],
    )) as { user_id: string; dedupe_key: string }[];

  it('tells each active officer once of an application past the bank’s limit, and nobody of one within it', async () => {
    expect(calendar.workingDaysBetween(SIX_WORKING_DAYS_EARLIER, NOW)).toBe(6);
    expect(calendar.workingDaysBetween(THREE_WORKING_DAYS_EARLIER, NOW)).toBe(3);
    const late = await application(SIX_WORKING_DAYS_EARLIER);
    const recent = await application(THREE_WORKING_DAYS_EARLIER);
    const answered = await application(SIX_WORKING_DAYS_EARLIER, THREE_WORKING_DAYS_EARLIER);

    await overdue.notify(NOW);
    await overdue.notify(NOW);

    const key = `overdue:${late.id}:${SIX_WORKING_DAYS_EARLIER.toISOString()}`;
    expect(await noticesOf(late.id)).toEqual(
      officers
        .map((o) => ({ user_id: o.user.id, dedupe_key: key }))
        .sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    expect(await noticesOf(recent.id)).toEqual([]);
    expect(await noticesOf(answered.id)).toEqual([]);

    // The officer reads it in words: the product, the firm, since when and the limit.
    const list = await t.http().get('/api/v1/notifications').set(bearer(officers[1])).expect(200);
    const notice = list.body.items.find(
      (n: { match: { id: string } | null }) => n.match?.id === late.id,
    );
    expect(notice).toMatchObject({
      kind: 'application_overdue',
      readAt: null,
      params: {
        productName: late.productName,
        firmName: firm.user.organization.name,
        appliedAt: SIX_WORKING_DAYS_EARLIER.toISOString(),
        responseDays: 5,
      },
      match: { productName: late.productName, firmName: firm.user.organization.name },
    });
  });

  it('counts each bank’s own limit', async () => {
    await t.db.query('UPDATE organizations SET response_days = 10 WHERE id = $1', [bankId]);
    const late = await application(SIX_WORKING_DAYS_EARLIER);
    await overdue.notify(NOW);
    expect(await noticesOf(late.id)).toEqual([]);

    await t.db.query('UPDATE organizations SET response_days = 5 WHERE id = $1', [bankId]);
    await overdue.notify(NOW);
    expect(await noticesOf(late.id)).toHaveLength(officers.length);
  });

  it('tells again when the firm applies again and the new application goes overdue too', async () => {
    const late = await application(SIX_WORKING_DAYS_EARLIER);
    await overdue.notify(NOW);
    // Declined, then re-applied: a new episode with its own clock.
    const reapplied = new Date('2025-03-12T01:00:00Z');
    await t.db.query('UPDATE matches SET applied_at = $2 WHERE id = $1', [late.id, reapplied]);
    await overdue.notify(NOW); // 5 working days: not yet
    expect(await noticesOf(late.id)).toHaveLength(officers.length);
    await overdue.notify(new Date('2025-03-20T02:00:00Z'));
    const keys = new Set((await noticesOf(late.id)).map((n) => n.dedupe_key));
    expect(keys).toEqual(
      new Set([
        `overdue:${late.id}:${SIX_WORKING_DAYS_EARLIER.toISOString()}`,
        `overdue:${late.id}:${reapplied.toISOString()}`,
      ]),
    );
    expect(await noticesOf(late.id)).toHaveLength(2 * officers.length);
  });

  it('runs on its schedule in the worker process', async () => {
    const late = await application(new Date(Date.now() - 40 * 24 * 3600_000));
    const worker = await startWorker();
    try {
      // A schedule's first run comes as soon as a worker sets it up.
      const found = await eventually(async () => {
        const rows = await noticesOf(late.id);
        return rows.length === officers.length ? rows : undefined;
        // A worker starting on a loaded machine takes a while to set up its schedules.
      }, 90_000);
      expect(found.map((n) => n.user_id).sort()).toEqual(officers.map((o) => o.user.id).sort());
    } finally {
      expect(await worker.stop()).toBe(0);
    }
  });
});
