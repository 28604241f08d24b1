import { describe, expect, it } from '@jest/globals';
import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { applyRead, eventNeedsRefetch, noticeKeys, type NoticePages, withRead, withStreamEvent } from './notifications';
import type { Notice, NoticeList } from './types';

const notice = (id: string, readAt: string | null = null): Notice => ({
  id,
  kind: 'application_moved',
  match: null,
  params: { to: 'in_review' },
  createdAt: '2026-03-19T02:00:00.000Z',
  readAt,
});

const pages = (unreadCount: number, ...items: Notice[]): NoticePages => ({
  pages: [{ items, unreadCount, nextBefore: null }],
  pageParams: [null],
});

describe('the bell’s cache', () => {
  it('puts a pushed notice on top with the new count, and needs nothing more', () => {
    const before = pages(1, notice('a'));
    const event = { unreadCount: 2, latest: notice('b') };
    const after = withStreamEvent(before, event);
    expect(after?.pages[0].items.map((n) => n.id)).toEqual(['b', 'a']);
    expect(after?.pages[0].unreadCount).toBe(2);
    expect(eventNeedsRefetch(before, event)).toBe(false);
  });

  it('asks again when several notices came at once, or some were read elsewhere', () => {
    expect(eventNeedsRefetch(pages(1, notice('a')), { unreadCount: 3, latest: notice('c') })).toBe(true);
    const readElsewhere = { unreadCount: 0, latest: notice('a') };
    expect(eventNeedsRefetch(pages(1, notice('a')), readElsewhere)).toBe(true);
    expect(withStreamEvent(pages(1, notice('a')), readElsewhere)?.pages[0].unreadCount).toBe(0);
  });

  it('repeats of what it has change nothing', () => {
    const before = pages(1, notice('a'));
    const event = { unreadCount: 1, latest: notice('a') };
    expect(withStreamEvent(before, event)).toEqual(before);
    expect(eventNeedsRefetch(before, event)).toBe(false);
    expect(eventNeedsRefetch(undefined, event)).toBe(false);
  });

  it('marks one or all read, keeping earlier read times', () => {
    const before = pages(2, notice('b'), notice('a'), notice('old', '2026-01-01T00:00:00.000Z'));
    const one = withRead(before, { id: 'a' }, 1, '2026-03-19T03:00:00.000Z');
    expect(one?.pages[0].items.map((n) => n.readAt)).toEqual([null, '2026-03-19T03:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    expect(one?.pages[0].unreadCount).toBe(1);
    const all = withRead(before, 'all', 0, '2026-03-19T04:00:00.000Z');
    expect(all?.pages[0].items.map((n) => n.readAt)).toEqual([
      '2026-03-19T04:00:00.000Z',
      '2026-03-19T04:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });
});

describe('marking notices read', () => {
  it('a list fetch still in flight cannot bring back the old read marks', async () => {
    const client = new QueryClient();
    client.setQueryData<NoticePages>(noticeKeys.list, pages(2, notice('a'), notice('b')));
    // The server's list: first a fetch a stream event asked for just before 全部已读, whose
    // answer still says unread; then, asked again, what the server holds after the read.
    let staleAnswer: (list: NoticeList) => void = () => undefined;
    let asked = 0;
    const at = '2026-03-19T03:00:00.000Z';
    const queryFn = () =>
      ++asked === 1
        ? new Promise<NoticeList>((resolve) => (staleAnswer = resolve))
        : Promise.resolve<NoticeList>({ items: [notice('a', at), notice('b', at)], unreadCount: 0, nextBefore: null });
    // The bell watches the list, as in the app.
    const bell = new InfiniteQueryObserver(client, {
      queryKey: noticeKeys.list,
      queryFn,
      initialPageParam: null as string | null,
      getNextPageParam: (last: NoticeList) => last.nextBefore,
      // It has the list already: only the refetch below asks.
      staleTime: Infinity,
    });
    const unsubscribe = bell.subscribe(() => undefined);
    const inFlight = bell.refetch();
    applyRead(client, 'all', 0);
    staleAnswer({ items: [notice('a'), notice('b')], unreadCount: 2, nextBefore: null });
    await inFlight;
    while (client.isFetching() > 0) await new Promise((r) => setTimeout(r, 1));
    const data = client.getQueryData<NoticePages>(noticeKeys.list);
    expect(asked).toBe(2);
    expect(data?.pages[0].unreadCount).toBe(0);
    expect(data?.pages[0].items.filter((n) => n.readAt === null)).toEqual([]);
    unsubscribe();
    client.clear();
  });

  it('a count of none unread leaves no notice shown unread', () => {
    const after = withStreamEvent(pages(2, notice('a'), notice('b')), { unreadCount: 0, latest: notice('a', '2026-03-19T03:00:00.000Z') });
    expect(after?.pages[0].unreadCount).toBe(0);
    expect(after?.pages[0].items.map((n) => n.readAt)).toEqual(['2026-03-19T03:00:00.000Z', '2026-03-19T03:00:00.000Z']);
  });
});
