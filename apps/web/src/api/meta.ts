import { useMutation, useQuery } from '@tanstack/react-query';
import { apiClient, apiRequest } from './api-client';
import { queryKeys } from './query-keys';

/** `GET /meta`: what the platform tells anyone before sign-in. */
export interface PlatformMeta {
  /** Demo organisations and logins are loaded; only then does the login page list them. */
  demo: boolean;
  version: string;
}

export function useMeta() {
  return useQuery({
    queryKey: queryKeys.meta,
    queryFn: ({ signal }) => apiRequest<PlatformMeta>('/meta', { signal, auth: false }),
    // Fixed for the life of the server process.
    staleTime: Infinity,
  });
}

/** Where the API serves the queue board (bull-board), beside `/api` on the same origin. */
export const QUEUE_BOARD_PATH = '/admin/queues/';

/**
 * Opens the queue board in a new tab. A navigation cannot carry the bearer, so the API
 * first turns it into a cookie only the board receives; the token never goes in a URL.
 * The tab is opened before the call so that pop-up blockers see the click.
 */
export function useOpenQueueBoard() {
  return useMutation({
    mutationFn: async () => {
      const tab = window.open('', '_blank');
      try {
        await apiClient.post<void>('/admin/queues/session');
      } catch (error) {
        tab?.close();
        throw error;
      }
      if (tab) {
        tab.opener = null;
        tab.location.href = QUEUE_BOARD_PATH;
      } else {
        window.location.assign(QUEUE_BOARD_PATH);
      }
    },
  });
}
