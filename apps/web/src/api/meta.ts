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

/** Where the API serves its docs (Swagger UI); in production, to admins only. */
export const API_DOCS_PATH = '/api/docs/';

/**
 * Opens an admin page the API serves outside the app (the queue board, the API docs) in a
 * new tab. A navigation cannot carry the bearer, so the API first turns it into a cookie
 * only that page receives; the token never goes in a URL. The tab is opened before the
 * call so that pop-up blockers see the click.
 */
function useOpenAdminPage(sessionPath: string, pagePath: string) {
  return useMutation({
    mutationFn: async () => {
      const tab = window.open('', '_blank');
      try {
        await apiClient.post<void>(sessionPath);
      } catch (error) {
        tab?.close();
        throw error;
      }
      if (tab) {
        tab.opener = null;
        tab.location.href = pagePath;
      } else {
        window.location.assign(pagePath);
      }
    },
  });
}

export const useOpenQueueBoard = () => useOpenAdminPage('/admin/queues/session', QUEUE_BOARD_PATH);

export const useOpenApiDocs = () => useOpenAdminPage('/admin/docs/session', API_DOCS_PATH);
