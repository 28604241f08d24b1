import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiClient, apiDownload } from './api-client';
import { queryKeys } from './query-keys';
import type { components } from './schema';

export type AuditEvent = components['schemas']['AuditEventViewDto'];
export type AuditEventPage = components['schemas']['AuditEventPageDto'];

/** The trail's filters as the page holds them (and as its address carries them). */
export interface AuditFilters {
  /** Part of a name or email, or a user id. */
  actor?: string;
  /** An action, or the start of one ('session.'). */
  action?: string;
  entityType?: string;
  /** Days in Beijing time, YYYY-MM-DD, both included. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a Beijing day starts: the API takes instants, officers pick days. */
export function beijingDayStart(day: string): string {
  return `${day}T00:00:00+08:00`;
}

/** The start of the next Beijing day: `to` is exclusive, the picked day is included. */
export function beijingDayEnd(day: string): string {
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return beijingDayStart(next);
}

/** The query string both the JSON pages and the CSV export read: the same filters, the same rows. */
export function auditSearch(filters: AuditFilters): string {
  const search = new URLSearchParams();
  const actor = filters.actor?.trim();
  if (actor) search.set('actor', actor);
  if (filters.action) search.set('action', filters.action);
  if (filters.entityType) search.set('entityType', filters.entityType);
  if (filters.from && DAY.test(filters.from)) search.set('from', beijingDayStart(filters.from));
  if (filters.to && DAY.test(filters.to)) search.set('to', beijingDayEnd(filters.to));
  return search.toString();
}

/** Newest first; each fetch hands the previous page's cursor back, "load more" asks for the next. */
export function useAuditTrail(filters: AuditFilters) {
  const search = auditSearch(filters);
  return useInfiniteQuery({
    queryKey: queryKeys.audit.list(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiClient.get<AuditEventPage>(
        `/audit-events?${search}${search ? '&' : ''}limit=${AUDIT_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

/** Saves the CSV of the current filters through a temporary link (the API needs the bearer token). */
export async function downloadAuditExport(filters: AuditFilters, fileName: string): Promise<void> {
  const blob = await apiDownload(`/audit-events/export.csv?${auditSearch(filters)}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
