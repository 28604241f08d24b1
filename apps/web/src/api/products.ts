import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { ListResponse, LoanProduct } from './types';

export function useProducts() {
  return useQuery({
    queryKey: queryKeys.products.list(),
    queryFn: ({ signal }) => apiClient.get<ListResponse<LoanProduct>>('/products', signal),
    select: (data) => data.items,
  });
}
