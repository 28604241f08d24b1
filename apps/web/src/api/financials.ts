import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, apiDownload } from './api-client';
import { queryKeys } from './query-keys';
import type {
  FinancialsImportResult,
  FinancialYearInput,
  FirmProfile,
  WorkingCapitalEstimate,
} from './types';

// The estimate reads the firm's financials, so it lives under the firm's key and is
// refreshed with it whenever a year is saved or imported.
const estimateKey = (params: EstimateParams) =>
  [...queryKeys.firms.me, 'estimate', params] as const;

export function usePutFinancialYear() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ year, input }: { year: number; input: FinancialYearInput }) =>
      apiClient.put<FirmProfile>(`/firms/me/financials/${year}`, input),
    onSuccess: (firm) => {
      client.setQueryData(queryKeys.firms.me, firm);
      void client.invalidateQueries({ queryKey: queryKeys.firms.me });
    },
  });
}

export function useImportFinancials() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return apiClient.upload<FinancialsImportResult>('/firms/me/financials/import', form);
    },
    onSuccess: (result) => {
      client.setQueryData(queryKeys.firms.me, result.firm);
      void client.invalidateQueries({ queryKey: queryKeys.firms.me });
    },
  });
}

/** Saves the template under its own name through a temporary link (the API needs the bearer token). */
export async function downloadFinancialsTemplate(): Promise<void> {
  const blob = await apiDownload('/firms/me/financials/template.xlsx');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = 'financials-template.xlsx';
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export interface EstimateParams {
  year?: number;
  /** A fraction: 0.1 = 10 %. */
  growth?: number;
  /** Whole yuan. */
  otherFunding?: number;
}

export function useWorkingCapitalEstimate(params: EstimateParams, enabled = true) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && Number.isFinite(value)) search.set(key, String(value));
  const query = search.toString();
  return useQuery({
    queryKey: estimateKey(params),
    queryFn: ({ signal }) =>
      apiClient.get<WorkingCapitalEstimate>(
        `/firms/me/working-capital-estimate${query ? `?${query}` : ''}`,
        signal,
      ),
    enabled,
    // Keep the last calculation on screen while a new growth figure is being computed.
    placeholderData: keepPreviousData,
    retry: false,
  });
}
