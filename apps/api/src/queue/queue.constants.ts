// NEVER RENAME: queue and job names are stored in Redis with every job; renaming one
// strands the jobs already queued under the old name.
export const MATCHING_QUEUE = 'matching';
/** Bulk follow-up work, so interactive jobs never queue behind it. */
export const MATCHING_BACKGROUND_QUEUE = 'matching-background';

/** What changed; each becomes a job of the same name. */
export const MATCHING_TOPICS = [
  'need.changed',
  'product.changed',
  'firm.changed',
  'rematch.all',
  /** A chain's lead bank: its member firms' needs are ranked again (the chain score component). */
  'chain.changed',
] as const;
export type MatchingTopic = (typeof MATCHING_TOPICS)[number];

/** The response clock's periodic check, apart so its schedule never sits among matching jobs. */
export const RESPONSE_CLOCK_QUEUE = 'response-clock';
export const OVERDUE_CHECK_JOB = 'overdue.check';

/** The government dashboard's fact build, apart so it never sits among matching jobs. */
export const GOV_FACTS_QUEUE = 'gov-facts';
export const GOV_FACTS_REFRESH_JOB = 'gov-facts.refresh';
/** Postgres channel the summed tables' triggers notify on (see the gov-dashboard migration). */
export const GOV_FACTS_CHANNEL = 'lianrong_gov_facts';

/** Children of the fan-out jobs. */
export const SHARD_JOBS = {
  productShard: 'product.shard',
  productFirmViews: 'product.firm_views',
  rematchNeeds: 'rematch.needs',
  rematchProducts: 'rematch.products',
} as const;

export type MatchingJobName = MatchingTopic | (typeof SHARD_JOBS)[keyof typeof SHARD_JOBS];

/** Retries, backoff and retention: failed jobs stay a week for inspection; Redis stays bounded. */
export const MATCHING_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
} as const;

/** The queue's event stream is capped so it cannot grow without bound. */
export const MATCHING_EVENTS_MAX_LEN = 10_000;

/** Postgres channel the outbox notifies on commit, so the relay need not wait for its poll. */
export const OUTBOX_CHANNEL = 'lianrong_outbox';

/** A periodic check: a failed run is retried a little, and the next run comes anyway. */
export const RESPONSE_CLOCK_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 200 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
} as const;

/** A build that fails is retried a little; the next change or the schedule brings another anyway. */
export const GOV_FACTS_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 10_000 },
  removeOnComplete: { age: 24 * 3600, count: 200 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1_000 },
} as const;
