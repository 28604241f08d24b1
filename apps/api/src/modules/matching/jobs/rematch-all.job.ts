import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue, WaitingChildrenError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { MATCHING_BACKGROUND_QUEUE, SHARD_JOBS } from '../../../queue/queue.constants';
import { type FanOutData, type ShardBounds, childOptions, finishTracking } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { needEntryMap } from '../matching-inputs';
import { MatchWriter } from '../match-writer';
import { type RematchShardResult } from './rematch-needs.job';

/** Shards a rematch is split into at least, so that every worker has its part. */
const MIN_SHARDS = 8;

/** Share of the stored rows a run must change before the planner's statistics are renewed. */
const ANALYZE_AFTER_SHARE = 0.1;

/**
 * `rematch.all`: fans out shards of needs by id range on the background queue; each
 * writes both views' rows of its needs from its worker's full ranking, writing only what
 * differs. Once every shard is done, the officers' view sizes are recounted and worked
 * matches re-scored.
 */
@Injectable()
export class RematchAllJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MATCHING_BACKGROUND_QUEUE) private readonly background: Queue,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(job: Job<FanOutData>, token?: string) {
    const run = job.id as string;
    if ((job.data.step ?? 'fanout') === 'fanout') {
      const bounds = await this.shardBounds();
      await this.background.addBulk(
        bounds.map((b, i) => ({
          name: SHARD_JOBS.rematchNeeds,
          data: { run, ...b },
          opts: childOptions(`${run}-n${i}`, job),
        })),
      );
      await job.updateData({ ...job.data, step: 'merge' });
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    }
    const shards = Object.values(await job.getChildrenValues<RematchShardResult>());
    const sum = (key: keyof RematchShardResult) =>
      shards.reduce((s, r) => s + (typeof r[key] === 'number' ? (r[key] as number) : 0), 0);
    const written = sum('inserted') + sum('updated') + sum('deleted');
    const matches = sum('rows');
    // A run that rewrote much of the table leaves the planner's row counts stale.
    if (written > ANALYZE_AFTER_SHARE * Math.max(matches, 1))
      await this.db.query('ANALYZE matches');
    // Sizes of the officers' views, counted from what is stored; only changed ones are written.
    await this.db.query(
      `WITH v AS (SELECT product_id, count(*)::int AS size FROM matches WHERE in_product_top GROUP BY product_id)
       INSERT INTO product_views (product_id, size)
       SELECT p.id, COALESCE(v.size, 0) FROM loan_products p LEFT JOIN v ON v.product_id = p.id
       ON CONFLICT (product_id) DO UPDATE SET size = EXCLUDED.size
        WHERE product_views.size IS DISTINCT FROM EXCLUDED.size`,
    );
    const products = await this.cache.productsSnapshot(this.db.manager);
    const reScored = await this.db.transaction((em) =>
      this.writer.refreshWorkedMatches(
        em,
        {},
        (ids) => needEntryMap(em, ids),
        products.byId,
        products.ctx,
      ),
    );
    const result = {
      matches,
      needs: sum('needsWithRows'),
      inserted: sum('inserted'),
      updated: sum('updated'),
      deleted: sum('deleted'),
      unchanged: sum('unchanged'),
      skippedNeeds: sum('skippedNeeds'),
      workedReScored: reScored,
      shards: shards.length,
    };
    await finishTracking(this.db, job.data.trackingIds ?? [], result);
    await job.updateProgress(100);
    return result;
  }

  /**
   * Ranges of open needs by id of at most about MATCH_SHARD_SIZE needs each, from the database:
   * cutting them does not wait for this worker to read every need. The first and last
   * ranges are open-ended, so together they cover every id.
   */
  private async shardBounds(): Promise<ShardBounds[]> {
    const [{ open }] = await this.db.query(
      `SELECT count(*)::int AS open FROM funding_needs WHERE status = 'open'`,
    );
    // Never fewer than a few shards (of at least a thousand needs): another worker can help.
    const shards = Math.max(
      1,
      Math.ceil(open / this.config.MATCH_SHARD_SIZE),
      Math.min(MIN_SHARDS, Math.floor(open / 1_000)),
    );
    const fractions = Array.from({ length: shards - 1 }, (_, i) => (i + 1) / shards);
    const cuts: string[] =
      fractions.length === 0
        ? []
        : (
            await this.db.query(
              `SELECT unnest(percentile_disc($1::float8[]) WITHIN GROUP (ORDER BY id)) AS id
                 FROM funding_needs WHERE status = 'open'`,
              [fractions],
            )
          ).map((r: { id: string }) => r.id);
    const distinct = [...new Set(cuts)].sort();
    return [null, ...distinct].map((lo, i) => ({ lo, hi: distinct[i] ?? null }));
  }
}
