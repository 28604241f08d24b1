// Every query key in one place, so invalidation after a mutation cannot miss a
// spelling. The whole cache is cleared on logout, so keys need no user id.
export const queryKeys = {
  meta: ['meta'] as const,
  firms: { me: ['firms', 'me'] as const },
  needs: { all: ['needs'] as const, list: () => ['needs', 'list'] as const },
  products: {
    all: ['products'] as const,
    list: () => ['products', 'list'] as const,
    detail: (id: string) => ['products', 'detail', id] as const,
    matches: (id: string) => ['products', 'matches', id] as const,
    chains: () => ['products', 'chains'] as const,
    /** Keyed by the draft's body: the same draft is not tried twice. */
    dryRun: (body: string) => ['products', 'dry-run', body] as const,
  },
  bankQueue: {
    all: ['bank-queue'] as const,
    list: (search: string) => ['bank-queue', 'list', search] as const,
    chains: ['bank-queue', 'chains'] as const,
    firm: (firmId: string, matchId?: string) => ['bank-queue', 'firm', firmId, matchId ?? ''] as const,
  },
  jobs: { detail: (id: string) => ['jobs', id] as const },
  /** The government dashboard, keyed by its query string (filters). */
  dashboard: {
    all: ['gov', 'dashboard'] as const,
    overview: (search: string) => ['gov', 'dashboard', 'overview', search] as const,
    chain: (id: string, search: string) => ['gov', 'dashboard', 'chain', id, search] as const,
    blockers: (search: string) => ['gov', 'dashboard', 'blockers', search] as const,
    banks: (search: string) => ['gov', 'dashboard', 'banks', search] as const,
  },
  supplyLinks: {
    all: ['supply-links'] as const,
    mine: () => ['supply-links', 'mine'] as const,
    coreSearch: (q: string) => ['supply-links', 'core', q] as const,
  },
  orgs: { all: ['admin', 'orgs'] as const, list: () => ['admin', 'orgs', 'list'] as const },
  users: {
    all: ['admin', 'users'] as const,
    list: (q: string) => ['admin', 'users', 'list', q] as const,
  },
  audit: { list: (search: string) => ['audit-events', 'list', search] as const },
};
