import { compileProducts, rankProductAgainstNeeds } from '@lianrong/matching/batch';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { MATCHING_BACKGROUND_QUEUE, SHARD_JOBS } from '../../../queue/queue.constants';
import { type FanOutData, finishTracking, idShards } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { needEntryMap } from '../matching-inputs';
import { MatchWriter, type ViewRow } from '../match-writer';

/**
 * `product.changed`: ranks the product against every open need the worker holds packed
 * (one pass, milliseconds even at a million needs), writes the officer's view, then
 * queues the firms' views (`product.firm_views`) in shards on the background queue — the
 * officer's view is what the bank waits for.
 */
@Injectable()
export class ProductChangedJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(MATCHING_BACKGROUND_QUEUE) private readonly background: Queue,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(job: Job<FanOutData>) {
    const productId = job.data.entityId as string;
    const products = await this.cache.productsSnapshot(this.db.manager);
    const open = await this.cache.openNeeds();
    const product = products.byId.get(productId);
    let rows: ViewRow[] = [];
    let eligibleNeeds = 0;
    if (product) {
      const compiled = compileProducts([product], open.needs, products.ctx);
      const ranking = rankProductAgainstNeeds(
        open.needs,
        compiled,
        productId,
        this.config.MATCH_TOP_M,
      );
      eligibleNeeds = ranking.eligible;
      rows = Array.from(ranking.need, (n, i) => ({
        needId: open.needs.ids[n],
        firmId: open.firmIds[open.firmOf[n]],
        productId,
        bankId: product.bankId,
        score: ranking.centipoints[i] / 100,
      }));
    }
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
      idShards(open, this.config.MATCH_SHARD_SIZE).map((b, i) => ({
        name: SHARD_JOBS.productFirmViews,
        data: { productId, ...b },
        opts: { jobId: `${job.id}-f${i}` },
      })),
    );
    const result = {
      productId,
      matchedNeeds: rows.length,
      matchedFirms: new Set(rows.map((r) => r.firmId)).size,
      eligibleNeeds,
    };
    await finishTracking(this.db, job.data.trackingIds ?? [], result);
    await job.updateProgress(100);
    return result;
  }
}
