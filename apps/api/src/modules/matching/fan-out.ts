import { Job, type Queue } from 'bullmq';
import { type DataSource } from 'typeorm';
import { type ProductsSnapshot } from './matching-cache.service';
import { type ViewRow } from './match-writer';
import { type PackedOpenNeeds } from './open-needs-loader';

/** Open needs with lo ≤ id < hi (null = unbounded). */
export interface ShardBounds {
  lo: string | null;
  hi: string | null;
}

/** A job users may follow: tracking ids, and the step a fan-out parent has reached. */
export interface FanOutData {
  entityId: string | null;
  trackingIds?: string[];
  step?: 'fanout' | 'merge';
}

/**
 * Children of a fan-out: a child that fails for good fails its parent at once, so a
 * follower sees the failure instead of a parent waiting for ever.
 */
export function childOptions(
  jobId: string,
  parent: Job,
): {
  jobId: string;
  parent: { id: string; queue: string };
  failParentOnFailure: true;
} {
  return {
    jobId,
    parent: { id: parent.id as string, queue: parent.queueQualifiedName },
    failParentOnFailure: true,
  };
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function viewRow(
  products: ProductsSnapshot,
  needId: string,
  firmId: string,
  productId: string,
  score: number,
): ViewRow {
  const product = products.byId.get(productId) as { bankId: string };
  return { needId, firmId, productId, score, bankId: product.bankId };
}

/** Shards of open needs by id: [null, b1), [b1, b2), …, [bn, null), about `size` needs each. */
export function idShards(open: PackedOpenNeeds, size: number): ShardBounds[] {
  const cuts: string[] = [];
  for (let i = size; i < open.byId.length; i += size) cuts.push(open.needs.ids[open.byId[i]]);
  return [null, ...cuts].map((lo, i) => ({ lo, hi: cuts[i] ?? null }));
}

/**
 * Runs a shard and moves its parent's progress on. A shard whose parent already failed
 * (another shard failed for good) does nothing: its result would be thrown away.
 */
export async function runShard<T>(
  job: Job,
  parentQueue: Queue,
  work: () => Promise<T>,
): Promise<T | { skipped: 'parent failed' }> {
  const parent = job.parent?.id ? await Job.fromId(parentQueue, job.parent.id) : undefined;
  if (parent && (await parent.isFailed())) return { skipped: 'parent failed' };
  const result = await work();
  if (parent) {
    const c = await parent.getDependenciesCount();
    const done = (c.processed ?? 0) + 1;
    const total = done + Math.max(0, (c.unprocessed ?? 0) - 1);
    await parent.updateProgress(Math.min(99, Math.floor((100 * done) / Math.max(total, 1))));
  }
  return result;
}

export async function finishTracking(
  db: DataSource,
  trackingIds: string[],
  result: Record<string, unknown>,
): Promise<void> {
  if (trackingIds.length === 0) return;
  await db.query(
    'UPDATE matching_jobs SET result = $1, finished_at = now() WHERE id = ANY($2::uuid[])',
    [JSON.stringify(result), trackingIds],
  );
}

export async function failTracking(
  db: DataSource,
  trackingIds: string[],
  failure: string,
): Promise<void> {
  if (trackingIds.length === 0) return;
  await db.query(
    'UPDATE matching_jobs SET failure = $1, failed_at = now() WHERE id = ANY($2::uuid[]) AND finished_at IS NULL',
    [failure, trackingIds],
  );
}
