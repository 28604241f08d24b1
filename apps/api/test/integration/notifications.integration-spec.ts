import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NotificationKind } from '../../src/common/domain-enums';
import type { NotificationStreamEvent } from '../../src/modules/notifications/inbox.service';
import { NotificationStreams } from '../../src/modules/notifications/notification-streams.service';
import {
  type NewNotification,
  NotificationsService,
} from '../../src/modules/notifications/notifications.service';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';
import { eventually } from './worker-process';

interface Stream {
  status: number;
  headers: Headers;
  /** The next `notifications` event, or a failure after `ms`. */
  next: (ms?: number) => Promise<NotificationStreamEvent>;
  /**
   * The first event that satisfies `wanted`, with those before it. A notice committed just
   * before a stream opens may be announced after the opening event: a repeat, never news.
   */
  until: (
    wanted: (e: NotificationStreamEvent) => boolean,
    ms?: number,
  ) => Promise<{ event: NotificationStreamEvent; skipped: NotificationStreamEvent[] }>;
  /** Comment lines (heartbeats) received so far. */
  comments: () => number;
  close: () => void;
}

describe('notifications', () => {
  let t: TestApp;
  let notices: NotificationsService;
  let base: string;

  beforeAll(async () => {
    // A second, not 20: the heartbeat is seen within the test.
    process.env.NOTIFICATION_HEARTBEAT_MS = '1000';
    t = await createTestApp();
    delete process.env.NOTIFICATION_HEARTBEAT_MS;
    notices = t.app.get(NotificationsService);
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => t.close());

  const notify = (userId: string, kind: NotificationKind = 'application_moved', params = {}) =>
    notices.notifyUser(t.db, userId, { kind, params });

  const list = async (s: Session, query = '') =>
    (await t.http().get(`/api/v1/notifications${query}`).set(bearer(s)).expect(200)).body as {
      items: { id: string; kind: string; params: Record<string, unknown>; readAt: string | null }[];
      unreadCount: number;
      nextBefore: string | null;
    };

  /** A stream read as the web reads it: fetch with the bearer header, text split into events. */
  async function openStream(s: Session): Promise<Stream> {
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/notifications/stream`, {
      headers: { Authorization: `Bearer ${s.accessToken}` },
      signal: abort.signal,
    });
    const events: NotificationStreamEvent[] = [];
    const waiters: (() => void)[] = [];
    let comments = 0;
    void (async () => {
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith(':')) comments++;
            const data = block
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            if (block.includes('event: notifications') && data) {
              events.push(JSON.parse(data) as NotificationStreamEvent);
              waiters.splice(0).forEach((w) => w());
            }
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    const next = async (ms = 5_000) => {
      const deadline = Date.now() + ms;
      while (events.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('no event on the stream');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return events.shift()!;
    };
    return {
      status: res.status,
      headers: res.headers,
      next,
      until: async (wanted, ms = 5_000) => {
        const deadline = Date.now() + ms;
        const skipped: NotificationStreamEvent[] = [];
        for (;;) {
          const event = await next(Math.max(deadline - Date.now(), 0));
          if (wanted(event)) return { event, skipped };
          skipped.push(event);
        }
      },
      comments: () => comments,
      close: () => abort.abort(),
    };
  }

  describe('list, read, read-all', () => {
    let me: Session;
    let other: Session;

    beforeAll(async () => {
      me = await registerFirm(t);
      other = await registerFirm(t);
      for (const to of ['in_review', 'approved', 'disbursed'])
        await notify(me.user.id, 'application_moved', { to });
      await notify(other.user.id, 'documents_requested');
    });

    it('lists only the caller’s notices, newest first, page by page', async () => {
      const first = await list(me, '?limit=2');
      expect(first.unreadCount).toBe(3);
      expect(first.items.map((n) => n.params.to)).toEqual(['disbursed', 'approved']);
      expect(first.items.every((n) => n.kind === 'application_moved' && n.readAt === null)).toBe(
        true,
      );
      expect(first.nextBefore).toBe(first.items[1].id);

      const second = await list(me, `?limit=2&before=${first.nextBefore}`);
      expect(second.items.map((n) => n.params.to)).toEqual(['in_review']);
      expect(second.nextBefore).toBeNull();
      expect(second.unreadCount).toBe(3);

      const theirs = await list(other);
      expect(theirs.items.map((n) => n.kind)).toEqual(['documents_requested']);
    });

    it('refuses a cursor that is not one of the caller’s notices, and a bad limit', async () => {
      const [theirs] = (await list(other)).items;
      for (const query of [`?before=${theirs.id}`, `?before=${randomUUID()}`, '?before=abc']) {
        const res = await t.http().get(`/api/v1/notifications${query}`).set(bearer(me)).expect(400);
        expect(res.body.details).toEqual([
          { field: 'before', problem: 'must be the id of one of your notices' },
        ]);
      }
      const res = await t.http().get('/api/v1/notifications?limit=0').set(bearer(me)).expect(400);
      expect(res.body.details[0].field).toBe('limit');
    });

    it('marks one read, once; another user’s notice is a 404 like a missing one', async () => {
      const [newest] = (await list(me)).items;
      const read = await t
        .http()
        .post(`/api/v1/notifications/${newest.id}/read`)
        .set(bearer(me))
        .expect(200);
      expect(read.body).toEqual({ unreadCount: 2 });
      const readAt = (await list(me)).items[0].readAt;
      expect(readAt).not.toBeNull();
      await t.http().post(`/api/v1/notifications/${newest.id}/read`).set(bearer(me)).expect(200);
      expect((await list(me)).items[0].readAt).toBe(readAt);

      const [theirs] = (await list(other)).items;
      const foreign = await t
        .http()
        .post(`/api/v1/notifications/${theirs.id}/read`)
        .set(bearer(me))
        .expect(404);
      const missing = await t
        .http()
        .post(`/api/v1/notifications/${randomUUID()}/read`)
        .set(bearer(me))
        .expect(404);
      expect(foreign.body.message).toBe(missing.body.message);
      await t.http().post('/api/v1/notifications/nope/read').set(bearer(me)).expect(400);
      expect((await list(other)).items[0].readAt).toBeNull();
    });

    it('marks all of the caller’s read and nobody else’s', async () => {
      const res = await t.http().post('/api/v1/notifications/read-all').set(bearer(me)).expect(200);
      expect(res.body).toEqual({ unreadCount: 0 });
      const mine = await list(me);
      expect(mine.unreadCount).toBe(0);
      expect(mine.items.every((n) => n.readAt !== null)).toBe(true);
      expect((await list(other)).unreadCount).toBe(1);
    });

    it('is open to every role and closed to anonymous callers', async () => {
      for (const email of ['bank@lianrong.demo', 'gov@lianrong.demo', 'admin@lianrong.demo']) {
        const s = await t.login(email);
        await t.http().get('/api/v1/notifications').set(bearer(s)).expect(200);
      }
      await t.http().get('/api/v1/notifications').expect(401);
      await t.http().post('/api/v1/notifications/read-all').expect(401);
    });
  });

  describe('the stream', () => {
    let me: Session;
    let other: Session;

    beforeAll(async () => {
      me = await registerFirm(t);
      other = await registerFirm(t);
    });

    it('needs a bearer token', async () => {
      const none = await fetch(`${base}/api/v1/notifications/stream`);
      expect(none.status).toBe(401);
      expect(((await none.json()) as { message: string }).message).toBe('missing bearer token');
      const forged = await fetch(`${base}/api/v1/notifications/stream`, {
        headers: { Authorization: 'Bearer not.a.token' },
      });
      expect(forged.status).toBe(401);
    });

    it('pushes committed notices to the user’s open streams, and nothing rolled back', async () => {
      await notify(me.user.id, 'application_received');
      const stream = await openStream(me);
      try {
        expect(stream.status).toBe(200);
        expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
        expect(stream.headers.get('x-accel-buffering')).toBe('no');
        expect(stream.headers.get('cache-control')).toContain('no-transform');

        // At once: where the user stands.
        const hello = await stream.next();
        expect(hello.unreadCount).toBe(1);
        expect(hello.latest?.kind).toBe('application_received');

        // A committed transaction, as a move sends it: to the firm's organisation.
        const moved: NewNotification = {
          kind: 'application_moved',
          params: { to: 'in_review', productName: '小巨人贷' },
        };
        await t.db.transaction((em) => notices.notifyOrg(em, me.user.organization.id, moved));
        const { event: pushed, skipped: repeats } = await stream.until(
          (e) => e.latest?.kind === 'application_moved',
        );
        expect(repeats.every((e) => e.unreadCount === 1)).toBe(true);
        expect(pushed.unreadCount).toBe(2);
        expect(pushed.latest).toMatchObject({ kind: 'application_moved', params: moved.params });

        // A rolled-back one, and a notice to someone else: neither is heard. The marker after
        // them is the very next event, with the count one up.
        const runner = t.db.createQueryRunner();
        await runner.connect();
        await runner.startTransaction();
        await notices.notifyOrg(runner.manager, me.user.organization.id, {
          kind: 'referral_offered',
        });
        await runner.rollbackTransaction();
        await runner.release();
        await notify(other.user.id, 'application_overdue');
        await t.db.transaction((em) =>
          notices.notifyUser(em, me.user.id, { kind: 'documents_requested' }),
        );
        const { event: marker, skipped } = await stream.until(
          (e) => e.latest?.kind === 'documents_requested',
        );
        expect(skipped).toEqual([]);
        expect(marker.unreadCount).toBe(3);
        const kinds = (await list(me)).items.map((n) => n.kind);
        expect(kinds).not.toContain('referral_offered');

        // Reading (in another tab) brings every open page's count down.
        await t.http().post('/api/v1/notifications/read-all').set(bearer(me)).expect(200);
        await stream.until((e) => e.unreadCount === 0);
      } finally {
        stream.close();
      }
    });

    it('keeps an idle stream alive with comment lines', async () => {
      const stream = await openStream(me);
      try {
        await stream.next();
        await eventually(async () => (stream.comments() >= 2 ? true : undefined), 5_000);
      } finally {
        stream.close();
      }
    });

    it('serves every open stream of the user, and lets go of a closed one', async () => {
      const streams = t.app.get(NotificationStreams);
      const a = await openStream(me);
      const b = await openStream(me);
      await Promise.all([a.next(), b.next()]);
      expect(streams.openStreams(me.user.id)).toBe(2);

      await notify(me.user.id, 'approval_awaiting_checker');
      const heard = (e: NotificationStreamEvent) => e.latest?.kind === 'approval_awaiting_checker';
      const [ea, eb] = await Promise.all([a.until(heard), b.until(heard)]);
      expect(eb.event).toEqual(ea.event);

      a.close();
      await eventually(async () => (streams.openStreams(me.user.id) === 1 ? true : undefined));
      b.close();
      await eventually(async () => (streams.openStreams(me.user.id) === 0 ? true : undefined));
    });

    it('listens again after losing its connection, and catches open pages up', async () => {
      const stream = await openStream(me);
      try {
        const before = (await stream.next()).unreadCount;
        const listeners = () =>
          t.db.query(
            `SELECT pid FROM pg_stat_activity
              WHERE datname = current_database() AND query = 'LISTEN lianrong_notifications'`,
          ) as Promise<{ pid: number }[]>;
        const [listener] = await listeners();
        await t.db.query('SELECT pg_terminate_backend($1)', [listener.pid]);
        // Committed while nobody listens: never announced, so the reconnect must catch up.
        await eventually(async () => ((await listeners()).length === 0 ? true : undefined));
        await notify(me.user.id, 'application_received');
        const { event: caughtUp } = await stream.until(
          (e) => e.latest?.kind === 'application_received',
          15_000,
        );
        expect(caughtUp.unreadCount).toBe(before + 1);

        await notify(me.user.id, 'referral_offered');
        await stream.until((e) => e.latest?.kind === 'referral_offered');
      } finally {
        stream.close();
      }
    });
  });
});
