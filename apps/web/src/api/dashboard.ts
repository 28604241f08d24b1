import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Tier } from '@lianrong/matching/vocabulary';
import { apiClient, apiDownload } from './api-client';
import { queryKeys } from './query-keys';
import type { BanksView, BlockersView, ChainDetail, DashboardOverview } from './types';

/** The dashboard's filters as the page keeps them (in the address bar) and the API reads them. */
export interface DashboardFilters {
  from?: string;
  to?: string;
  tier?: Tier;
  city?: string;
  bank?: string;
}

export const DASHBOARD_FILTER_KEYS = ['from', 'to', 'tier', 'city', 'bank'] as const;

export function dashboardSearch(filters: DashboardFilters & { chain?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params.toString();
}

export function filtersFromSearch(search: URLSearchParams): DashboardFilters {
  const out: Record<string, string> = {};
  for (const key of DASHBOARD_FILTER_KEYS) {
    const value = search.get(key);
    if (value) out[key] = value;
  }
  return out as DashboardFilters;
}

const withQuery = (path: string, search: string) => (search ? `${path}?${search}` : path);

export function useGovOverview(filters: DashboardFilters) {
  const search = dashboardSearch(filters);
  return useQuery({
    queryKey: queryKeys.dashboard.overview(search),
    queryFn: ({ signal }) => apiClient.get<DashboardOverview>(withQuery('/gov/chains', search), signal),
    placeholderData: keepPreviousData,
    // The figures say how fresh they are; look again now and then while the page is open.
    refetchInterval: 60_000,
  });
}

export function useGovChain(chainId: string, filters: DashboardFilters, page: { limit: number; offset: number }) {
  const search = dashboardSearch({ ...filters, limit: String(page.limit), offset: String(page.offset) } as DashboardFilters);
  return useQuery({
    queryKey: queryKeys.dashboard.chain(chainId, search),
    queryFn: ({ signal }) => apiClient.get<ChainDetail>(withQuery(`/gov/chains/${encodeURIComponent(chainId)}`, search), signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useGovBlockers(filters: { chain?: string; tier?: Tier; city?: string }) {
  const search = dashboardSearch(filters);
  return useQuery({
    queryKey: queryKeys.dashboard.blockers(search),
    queryFn: ({ signal }) => apiClient.get<BlockersView>(withQuery('/gov/blockers', search), signal),
    placeholderData: keepPreviousData,
  });
}

export function useGovBanks(filters: DashboardFilters) {
  const search = dashboardSearch(filters);
  return useQuery({
    queryKey: queryKeys.dashboard.banks(search),
    queryFn: ({ signal }) => apiClient.get<BanksView>(withQuery('/gov/banks/response-times', search), signal),
    placeholderData: keepPreviousData,
  });
}

export type ExportTable = 'chains' | 'cities' | 'blockers' | 'banks' | 'roadshows';

/** Saves the dashboard under the page's filters (the API needs the bearer token, so through a blob). */
export async function downloadDashboard(
  filters: DashboardFilters,
  format: { kind: 'xlsx' } | { kind: 'csv'; table: ExportTable },
  fileName: string,
): Promise<void> {
  const search = dashboardSearch(format.kind === 'csv' ? { ...filters, table: format.table } as DashboardFilters : filters);
  const blob = await apiDownload(withQuery(`/gov/export.${format.kind}`, search));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
