import { type ProductTopList, mergeProductTopLists } from '@lianrong/matching/batch';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue, WaitingChildrenError } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import {
  MATCHING_BACKGROUND_QUEUE,
  MATCHING_QUEUE,
  SHARD_JOBS,
} from '../../../queue/queue.constants';
import {
  type FanOutData,
  type ShardTop,
  childOptions,
  finishTracking,
  shardBounds,
  viewRow,
} from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { needEntryMap } from '../matching-inputs';
import { MatchWriter } from '../match-writer';

/**
 * `product.changed`: fans out over shards of needs (`product.shard`), merges their best
 * needs into the officer's view, then queues the firms' views (`product.firm_views`) on
 * the background queue — the officer's view is what the bank waits for.
 */
@Injectable()
export class ProductChangedJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MATCHING_QUEUE) private readonly queue: Queue,
    @InjectQueue(MATCHING_BACKGROUND_QUEUE) private readonly background: Queue,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(job: Job<FanOutData>, token?: string) {
    const productId = job.data.entityId as string;
    const bounds = await shardBounds(this.cache, this.db, this.config.MATCH_SHARD_SIZE);
    if ((job.data.step ?? 'fanout') === 'fanout') {
      await this.queue.addBulk(
        bounds.map((b, i) => ({
          name: SHARD_JOBS.productShard,
          data: { productId, ...b },
          opts: childOptions(`${job.id}-s${i}`, job),
        })),
      );
      await job.updateData({ ...job.data, step: 'merge' });
      if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    }
    const values = Object.values(await job.getChildrenValues<ShardTop>());
    const lists: ProductTopList[][] = values.map((v) => [
      { productId, needs: v.top.map(([needId, , score]) => ({ needId, score })) },
    ]);
    const firmOf = new Map(
      values.flatMap((v) => v.top.map(([needId, firmId]) => [needId, firmId] as const)),
    );
    const [merged] = mergeProductTopLists(lists, this.config.MATCH_TOP_M);
    const products = await this.cache.productsSnapshot(this.db.manager);
    const rows = products.byId.has(productId)
      ? (merged?.needs ?? []).map((n) =>
          viewRow(products, n.needId, firmOf.get(n.needId) as string, productId, n.score),
        )
      : [];
    await this.db.transaction(async (em) => {
      await this.writer.replaceProductView(em, productId, rows);
      await this.writer.refreshWorkedMatches(
        em,
        { productIds: [productId] },
        (ids) => needEntryMap(em, ids),
        products.byId,
        products.ctx,
      );
    });
    await this.background.addBulk(
      bounds.map((b, i) => ({
        name: SHARD_JOBS.productFirmViews,
        data: { productId, ...b },
        opts: { jobId: `${job.id}-f${i}` },
      })),
    );
    const result = {
      productId,
      matchedNeeds: rows.length,
      matchedFirms: new Set(rows.map((r) => r.firmId)).size,
      eligibleNeeds: values.reduce((s, v) => s + v.eligible, 0),
    };
    await finishTracking(this.db, job.data.trackingIds ?? [], result);
    await job.updateProgress(100);
    return result;
  }
}
