import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MatchStatus, Tier } from '@lianrong/matching/vocabulary';
import { apiClient, apiDownload } from './api-client';
import { queryKeys } from './query-keys';
import type { components } from './schema';
import type { BankFirmView, ChainOption, QueuePage } from './types';

export type QueueSort = 'score' | 'waiting';

/** The queue's filters as the page holds them (and as its address carries them). */
export interface QueueFilters {
  productId?: string;
  chainId?: string;
  tier?: Tier[];
  regionCode?: string;
  status?: MatchStatus;
  appliedOnly?: boolean;
  overdue?: boolean;
  whitelisted?: boolean;
  sort: QueueSort;
}

export const QUEUE_PAGE_SIZE = 30;

/** The query string both the JSON pages and the Excel export read: the same filters, the same rows. */
export function queueSearch(filters: QueueFilters): string {
  const search = new URLSearchParams();
  if (filters.productId) search.set('productId', filters.productId);
  if (filters.chainId) search.set('chainId', filters.chainId);
  if (filters.tier?.length) search.set('tier', filters.tier.join(','));
  if (filters.regionCode) search.set('regionCode', filters.regionCode);
  if (filters.status) search.set('status', filters.status);
  if (filters.appliedOnly) search.set('appliedOnly', 'true');
  if (filters.overdue) search.set('overdue', 'true');
  if (filters.whitelisted) search.set('whitelisted', 'true');
  search.set('sort', filters.sort);
  return search.toString();
}

/** Keyset pages: each fetch hands the previous page's cursor back; "load more" asks for the next. */
export function useBankQueue(filters: QueueFilters) {
  const search = queueSearch(filters);
  return useInfiniteQuery({
    queryKey: queryKeys.bankQueue.list(search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiClient.get<QueuePage>(
        `/bank/matches?${search}&limit=${QUEUE_PAGE_SIZE}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        signal,
      ),
    getNextPageParam: (last) => last.nextCursor,
    // A changed filter keeps the old rows on screen until the new ones arrive, instead of a skeleton.
    placeholderData: keepPreviousData,
  });
}

export function useBankChains() {
  return useQuery({
    queryKey: queryKeys.bankQueue.chains,
    queryFn: ({ signal }) => apiClient.get<{ items: ChainOption[] }>('/bank/chains', signal),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}

export function useBankFirm(firmId: string, matchId?: string) {
  return useQuery({
    queryKey: queryKeys.bankQueue.firm(firmId, matchId),
    queryFn: ({ signal }) =>
      apiClient.get<BankFirmView>(
        `/bank/firms/${encodeURIComponent(firmId)}${matchId ? `?matchId=${encodeURIComponent(matchId)}` : ''}`,
        signal,
      ),
    retry: false,
  });
}

/** Saves the workbook of the current filters through a temporary link (the API needs the bearer token). */
export async function downloadQueueExport(filters: QueueFilters, fileName: string): Promise<void> {
  const blob = await apiDownload(`/bank/matches/export.xlsx?${queueSearch(filters)}`);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** Body of POST /matches/:id/transition: whole yuan, basis points, a YYYY-MM-DD date. */
export type TransitionInput = components['schemas']['TransitionDto'];

/** Body of POST /matches/:id/document-requests. */
export type DocumentRequestInput = components['schemas']['DocumentRequestDto'];

export type ReviewAction =
  | { kind: 'transition'; matchId: string; input: TransitionInput }
  | { kind: 'documents'; matchId: string; input: DocumentRequestInput };

/** One move of the review pipeline; every view of the queue and of firms is refreshed after it. */
export function useReviewAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: ReviewAction) =>
      action.kind === 'transition'
        ? apiClient.post<unknown>(`/matches/${encodeURIComponent(action.matchId)}/transition`, action.input)
        : apiClient.post<unknown>(`/matches/${encodeURIComponent(action.matchId)}/document-requests`, action.input),
    // Also after a refusal: a 409 means the row moved under the officer, so show it as it now is.
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.bankQueue.all }),
  });
}
