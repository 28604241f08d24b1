import { MATCH_STATUSES, TIERS, type MatchStatus, type Tier } from '@lianrong/matching/vocabulary';
import type { QueueFilters } from '../../../api/bank-queue';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The page keeps its filters in its address (the same parameter names the API reads), so a
// filtered queue can be bookmarked or sent to a colleague. What the address says is read
// leniently: an unknown value is dropped rather than sent to the API to be refused.
export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const id = (name: string) => {
    const v = search.get(name);
    return v && UUID.test(v) ? v : undefined;
  };
  const tiers = (search.get('tier') ?? '')
    .split(',')
    .filter((t): t is Tier => (TIERS as readonly string[]).includes(t));
  const status = search.get('status');
  const region = search.get('regionCode');
  return {
    productId: id('productId'),
    chainId: id('chainId'),
    tier: tiers.length ? tiers : undefined,
    regionCode: region && /^\d{6}$/.test(region) ? region : undefined,
    status: status && (MATCH_STATUSES as readonly string[]).includes(status) ? (status as MatchStatus) : undefined,
    appliedOnly: search.get('appliedOnly') === 'true' || undefined,
    overdue: search.get('overdue') === 'true' || undefined,
    whitelisted: search.get('whitelisted') === 'true' || undefined,
    sort: search.get('sort') === 'waiting' ? 'waiting' : 'score',
  };
}

/** Filters other than the status tab and the order, to tell the officer a filter is on. */
export function activeFilterCount(f: QueueFilters): number {
  return [f.productId, f.chainId, f.tier?.length, f.regionCode, f.appliedOnly, f.overdue, f.whitelisted].filter(Boolean)
    .length;
}
