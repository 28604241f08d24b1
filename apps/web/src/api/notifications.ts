import { type InfiniteData, type QueryClient, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiClient } from './api-client';
import { openEventStream, type StreamState } from './event-stream';
import type { NoticeList, NoticeStreamEvent, UnreadCount } from './types';

// Kept beside the hooks (not in query-keys.ts) so the notices are one file to read.
export const noticeKeys = { list: ['notifications', 'list'] as const };

export const NOTICE_PAGE = 20;
/** While the stream is down the bell asks this often instead. */
export const NOTICE_POLL_MS = 30_000;

export type NoticePages = InfiniteData<NoticeList, string | null>;

/**
 * The cache after a stream event: the count as the server has it now, and its newest
 * notice on top when the page does not have it yet.
 */
export function withStreamEvent(data: NoticePages | undefined, event: NoticeStreamEvent): NoticePages | undefined {
  if (!data || data.pages.length === 0) return data;
  const [first, ...rest] = data.pages;
  const latest = event.latest;
  const known = !latest || data.pages.some((page) => page.items.some((n) => n.id === latest.id));
  const items = known ? first.items : [latest, ...first.items];
  const patched = { ...data, pages: [{ ...first, items, unreadCount: event.unreadCount }, ...rest] };
  // None unread on the server means none unread here, whatever read marks the cache holds.
  return event.unreadCount === 0 ? withRead(patched, 'all', 0, latest?.readAt ?? new Date().toISOString()) : patched;
}

/**
 * Whether the event says more than the cache can be patched with: several notices at once,
 * or notices read elsewhere (another tab, a phone) whose read marks the page lacks.
 */
export function eventNeedsRefetch(data: NoticePages | undefined, event: NoticeStreamEvent): boolean {
  const first = data?.pages[0];
  if (!first) return false;
  const latest = event.latest;
  const isNew = !!latest && !data.pages.some((page) => page.items.some((n) => n.id === latest.id));
  return event.unreadCount !== first.unreadCount + (isNew && latest.readAt === null ? 1 : 0);
}

/** The cache after one notice (or all of them) was marked read. */
export function withRead(
  data: NoticePages | undefined,
  which: { id: string } | 'all',
  unreadCount: number,
  at: string,
): NoticePages | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page, i) => ({
      ...page,
      unreadCount: i === 0 ? unreadCount : page.unreadCount,
      items: page.items.map((n) => (n.readAt === null && (which === 'all' || n.id === which.id) ? { ...n, readAt: at } : n)),
    })),
  };
}

export function useNotices({ poll }: { poll: boolean }) {
  return useInfiniteQuery({
    queryKey: noticeKeys.list,
    queryFn: ({ pageParam, signal }) =>
      apiClient.get<NoticeList>(
        `/notifications?limit=${NOTICE_PAGE}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`,
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
    refetchInterval: poll ? NOTICE_POLL_MS : false,
  });
}

/** Opens the notice stream while `enabled`; events update the bell's cache in place. */
export function useNoticeStream(enabled: boolean): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  useEffect(() => {
    if (!enabled) return undefined;
    return openEventStream({
      path: '/notifications/stream',
      onState: setState,
      onEvent: ({ event, data }) => {
        if (event !== 'notifications') return;
        let parsed: NoticeStreamEvent;
        try {
          parsed = JSON.parse(data) as NoticeStreamEvent;
        } catch {
          return;
        }
        const before = queryClient.getQueryData<NoticePages>(noticeKeys.list);
        queryClient.setQueryData<NoticePages>(noticeKeys.list, (d) => withStreamEvent(d, parsed));
        if (eventNeedsRefetch(before, parsed)) void queryClient.invalidateQueries({ queryKey: noticeKeys.list });
      },
    });
  }, [enabled, queryClient]);
  return state;
}

export function useMarkNoticeRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiClient.post<UnreadCount>(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: (res, id) => applyRead(queryClient, { id }, res.unreadCount),
  });
}

export function useMarkAllNoticesRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.post<UnreadCount>('/notifications/read-all'),
    onSuccess: (res) => applyRead(queryClient, 'all', res.unreadCount),
  });
}

/**
 * Marks the cached notices read, then asks for the list again: a fetch still in flight (a
 * stream event asked for it before the read went through) would otherwise land afterwards
 * with the old read marks. Asking again drops that answer and takes the server's.
 */
export function applyRead(queryClient: QueryClient, which: { id: string } | 'all', unreadCount: number): void {
  queryClient.setQueryData<NoticePages>(noticeKeys.list, (d) => withRead(d, which, unreadCount, new Date().toISOString()));
  void queryClient.invalidateQueries({ queryKey: noticeKeys.list });
}
