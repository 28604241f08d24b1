import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { JobState } from '@lianrong/matching/vocabulary';
import type { MatchingJob } from './types';

// A product job over the demo data finishes in well under a second; polling at
// 300 ms lets the bar move visibly without hammering the API for long jobs
// (one small indexed read per tick).
export const JOB_POLL_MS = 300;

export function isJobFinished(state: JobState): boolean {
  return state === 'completed' || state === 'failed';
}

/**
 * Follows a matching job until it completes or fails. When it completes, the
 * product's ranked firms are refetched, since the job has just rewritten them.
 */
export function useMatchingJob(jobId: string, productId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.jobs.detail(jobId),
    queryFn: ({ signal }) => apiClient.get<MatchingJob>(`/jobs/${encodeURIComponent(jobId)}`, signal),
    refetchInterval: (q) => (q.state.data && isJobFinished(q.state.data.state) ? false : JOB_POLL_MS),
    // A background tab should still learn that its job finished.
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const completed = query.data?.state === 'completed';
  useEffect(() => {
    if (completed) void queryClient.invalidateQueries({ queryKey: queryKeys.products.matches(productId) });
  }, [completed, productId, queryClient]);
  return query;
}
