import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue, WaitingChildrenError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { MATCHING_BACKGROUND_QUEUE, SHARD_JOBS } from '../../../queue/queue.constants';
import { type FanOutData, childOptions, finishTracking, shardBounds } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { needEntryMap } from '../matching-inputs';
import { MatchWriter } from '../match-writer';

/**
 * `rematch.all`: fans out need shards (the firms' views, `rematch.needs`) and product
 * shards (the officers' views, `rematch.products`) on the background queue; once every
 * shard is done, whatever the run did not confirm leaves its view.
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
      // The database's clock, the one `matches.updated_at` is written with.
      const [{ now }]: { now: Date }[] = await this.db.query('SELECT clock_timestamp() AS now');
      const bounds = await shardBounds(this.cache, this.db, this.config.MATCH_SHARD_SIZE);
      const products = await this.cache.productsSnapshot(this.db.manager);
      const active = products.list.filter((p) => p.status === 'active').map((p) => p.id);
      const chunk = this.config.MATCH_PRODUCT_SHARD_SIZE;
      await this.background.addBulk([
        ...bounds.map((b, i) => ({
          name: SHARD_JOBS.rematchNeeds,
          data: { run, ...b },
          opts: childOptions(`${run}-n${i}`, job),
        })),
        ...Array.from({ length: Math.ceil(active.length / chunk) }, (_, i) => ({
          name: SHARD_JOBS.rematchProducts,
          data: { run, productIds: active.slice(i * chunk, (i + 1) * chunk) },
          opts: childOptions(`${run}-p${i}`, job),
        })),
      ]);
      await job.updateData({ ...job.data, step: 'merge', startedAt: now.toISOString() });
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    }
    const products = await this.cache.productsSnapshot(this.db.manager);
    await this.db.transaction(async (em) => {
      await this.writer.finalizeRun(em, run, new Date(job.data.startedAt ?? job.timestamp));
      await this.writer.refreshWorkedMatches(
        em,
        {},
        (ids) => needEntryMap(em, ids),
        products.byId,
        products.ctx,
      );
    });
    const [counts] = await this.db.query(
      `SELECT count(*)::int AS matches, count(DISTINCT need_id)::int AS needs, count(DISTINCT firm_id)::int AS firms FROM matches`,
    );
    await finishTracking(this.db, job.data.trackingIds ?? [], counts);
    await job.updateProgress(100);
    return counts;
  }
}
