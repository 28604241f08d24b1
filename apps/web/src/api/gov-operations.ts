import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type {
  GovFirmMatches,
  GovFirmRow,
  LeadBanksOverview,
  RoadshowDetail,
  RoadshowInput,
  RoadshowIntent,
  RoadshowIntentInput,
  RoadshowInvitation,
  RoadshowPartyView,
  RoadshowSummary,
  WhitelistChange,
  WhitelistView,
} from './types';

// What an agency does besides watching (lead banks, white list, roadshows), and the
// invited parties' side of a roadshow. Keys live beside the hooks, so the journey is one file.
export const govOpsKeys = {
  leadBanks: ['gov', 'lead-banks'] as const,
  whitelist: ['gov', 'whitelist'] as const,
  firmSearch: (q: string) => ['gov', 'firms', 'search', q] as const,
  firmMatches: (firmId: string) => ['gov', 'firms', firmId, 'matches'] as const,
  roadshows: ['gov', 'roadshows'] as const,
  roadshow: (id: string) => ['gov', 'roadshows', id] as const,
  invitations: ['roadshows', 'invitations'] as const,
  party: (id: string) => ['roadshows', id] as const,
};

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

export function useLeadBanks() {
  return useQuery({
    queryKey: govOpsKeys.leadBanks,
    queryFn: ({ signal }) => apiClient.get<LeadBanksOverview>('/gov/lead-banks', signal),
  });
}

export function useSetLeadBank() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ chainId, bankId }: { chainId: string; bankId: string }) =>
      apiClient.put<unknown>(`/gov/chains/${path(chainId)}/lead-bank`, { bankId }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.leadBanks });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
    },
  });
}

export function useWhitelist() {
  return useQuery({
    queryKey: govOpsKeys.whitelist,
    queryFn: ({ signal }) => apiClient.get<WhitelistView>('/gov/whitelist', signal),
  });
}

/** Firms of the agency's region by name, for the officer to pick one. */
export function useGovFirmSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: govOpsKeys.firmSearch(q),
    queryFn: ({ signal }) =>
      apiClient.get<{ items: GovFirmRow[] }>(`/gov/firms?q=${encodeURIComponent(q)}`, signal),
    select: (data) => data.items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

/**
 * A firm's open needs and what the firm sees for them. While the worker re-matches after a
 * change the page polls, so the officer watches the change land.
 */
export function useGovFirmMatches(firmId: string | null, polling: boolean) {
  return useQuery({
    queryKey: govOpsKeys.firmMatches(firmId ?? ''),
    queryFn: ({ signal }) =>
      apiClient.get<GovFirmMatches>(`/gov/firms/${path(firmId ?? '')}/matches`, signal),
    enabled: firmId !== null,
    refetchInterval: polling ? 1_500 : false,
  });
}

export type WhitelistMove =
  | { action: 'add'; firmId: string; reason: string }
  | { action: 'remove'; firmId: string; reason: string };

export function useChangeWhitelist() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: WhitelistMove) =>
      move.action === 'add'
        ? apiClient.put<WhitelistChange>(`/gov/whitelist/${path(move.firmId)}`, { reason: move.reason })
        : apiClient.delete<WhitelistChange>(
            `/gov/whitelist/${path(move.firmId)}?reason=${encodeURIComponent(move.reason)}`,
          ),
    onSuccess: (_, move) => {
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.whitelist });
      void queryClient.invalidateQueries({ queryKey: ['gov', 'firms'] });
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.firmMatches(move.firmId) });
    },
  });
}

export function useGovRoadshows() {
  return useQuery({
    queryKey: govOpsKeys.roadshows,
    queryFn: ({ signal }) => apiClient.get<{ items: RoadshowSummary[] }>('/gov/roadshows', signal),
    select: (data) => data.items,
  });
}

export function useGovRoadshow(id: string) {
  return useQuery({
    queryKey: govOpsKeys.roadshow(id),
    queryFn: ({ signal }) => apiClient.get<RoadshowDetail>(`/gov/roadshows/${path(id)}`, signal),
  });
}

export function useCreateRoadshow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RoadshowInput) => apiClient.post<RoadshowDetail>('/gov/roadshows', input),
    onSuccess: (created) => {
      queryClient.setQueryData(govOpsKeys.roadshow(created.id), created);
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.roadshows, exact: true });
    },
  });
}

/** Roadshows the signed-in firm or bank is invited to. */
export function useRoadshowInvitations() {
  return useQuery({
    queryKey: govOpsKeys.invitations,
    queryFn: ({ signal }) => apiClient.get<{ items: RoadshowInvitation[] }>('/roadshows/invitations', signal),
    select: (data) => data.items,
  });
}

export function useRoadshowForParty(id: string) {
  return useQuery({
    queryKey: govOpsKeys.party(id),
    queryFn: ({ signal }) => apiClient.get<RoadshowPartyView>(`/roadshows/${path(id)}`, signal),
  });
}

export function useSetIntent(roadshowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ firmId, ...input }: RoadshowIntentInput & { firmId: string }) =>
      apiClient.put<RoadshowIntent>(`/roadshows/${path(roadshowId)}/intents/${path(firmId)}`, input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.party(roadshowId) });
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.invitations });
    },
  });
}

export function useRemoveIntent(roadshowId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (firmId: string) =>
      apiClient.delete<void>(`/roadshows/${path(roadshowId)}/intents/${path(firmId)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.party(roadshowId) });
      void queryClient.invalidateQueries({ queryKey: govOpsKeys.invitations });
    },
  });
}
