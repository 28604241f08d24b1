import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { ProductStatus } from '@lianrong/matching/vocabulary';
import type {
  LoanProduct,
  ProductChainList,
  ProductDryRun,
  ProductInput,
  ProductList,
  ProductMatchesResponse,
  ProductWriteResult,
} from './types';

// The officer's view holds up to 1,000 needs per product; the page shows the top of it.
export const PRODUCT_MATCHES_LIMIT = 50;

export function useProducts() {
  return useQuery({
    queryKey: queryKeys.products.list(),
    queryFn: ({ signal }) => apiClient.get<ProductList>('/products', signal),
    select: (data) => data.items,
  });
}

export function useProduct(id: string) {
  return useQuery({
    queryKey: queryKeys.products.detail(id),
    queryFn: ({ signal }) => apiClient.get<LoanProduct>(`/products/${encodeURIComponent(id)}`, signal),
  });
}

export function useProductMatches(id: string) {
  return useQuery({
    queryKey: queryKeys.products.matches(id),
    queryFn: ({ signal }) =>
      apiClient.get<ProductMatchesResponse>(
        `/products/${encodeURIComponent(id)}/matches?limit=${PRODUCT_MATCHES_LIMIT}`,
        signal,
      ),
  });
}

/** Publishes a product; the answer carries the id of the matching job it queued. */
export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProductInput) => apiClient.post<ProductWriteResult>('/products', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.products.all }),
  });
}

/** Saves an edit of the whole product; like a publish, the answer names the re-ranking job. */
export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: ProductInput }) =>
      apiClient.patch<ProductWriteResult>(`/products/${encodeURIComponent(id)}`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.products.all }),
  });
}

/** The industrial chains a product may target. */
export function useProductChains() {
  return useQuery({
    queryKey: queryKeys.products.chains(),
    queryFn: ({ signal }) => apiClient.get<ProductChainList>('/products/chains', signal),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

/**
 * 预计可触达: the open needs a draft would reach, nothing saved. Null waits for a draft
 * that holds together; the last figure stays while the next one is worked out.
 */
export function useProductDryRun(draft: ProductInput | null) {
  const body = draft === null ? '' : JSON.stringify(draft);
  return useQuery({
    queryKey: queryKeys.products.dryRun(body),
    queryFn: () => apiClient.post<ProductDryRun>('/products/dry-run', draft),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

export interface ProductStatusChange {
  id: string;
  status: ProductStatus;
}

/** Pause or resume; like a publish, the answer names the re-ranking job. */
export function useSetProductStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: ProductStatusChange) =>
      apiClient.patch<ProductWriteResult>(`/products/${encodeURIComponent(id)}`, { status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.products.all }),
  });
}
