import { firmViewDiffs } from '@lianrong/matching';
import {
  compileProducts,
  needTopLists,
  productRankingList,
  rankProductAgainstNeeds,
  rankShard,
} from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { type ShardBounds, viewRow, yieldToEventLoop } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { MatchWriter } from '../match-writer';

/**
 * `product.firm_views`: a product's effect on the firms' views of one shard, written as
 * differences (the library's `firmViewDiffs`), in slices so interactive jobs in this
 * process are not held up.
 */
@Injectable()
export class ProductFirmViewsJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(data: { productId: string } & ShardBounds) {
    const em = this.db.manager;
    const k = this.config.MATCH_TOP_K;
    const products = await this.cache.productsSnapshot(em);
    const shard = this.cache.packedSlice(await this.cache.openNeeds(em), data.lo, data.hi);
    const product = products.byId.get(data.productId);
    const eligible = product
      ? productRankingList(
          rankProductAgainstNeeds(
            shard.needs,
            compileProducts([product], shard.needs, products.ctx),
            data.productId,
            shard.entries.length,
          ),
          shard.needs,
        ).map((e) => e.needId)
      : [];
    const stored: { need_id: string }[] = await em.query(
      `SELECT need_id FROM matches WHERE product_id = $1 AND in_need_top
          AND ($2::uuid IS NULL OR need_id >= $2) AND ($3::uuid IS NULL OR need_id < $3)`,
      [data.productId, data.lo, data.hi],
    );
    const wasInView = new Set(stored.map((s) => s.need_id));
    const affected = new Set([...eligible, ...wasInView]);
    const entries = shard.entries.filter((e) => affected.has(e.need.id));
    const firmOf = new Map(entries.map((e) => [e.need.id, e.firm.id]));
    let entered = 0;
    let left = 0;
    for (let i = 0; i < entries.length; i += this.config.MATCH_BACKGROUND_SLICE) {
      const set = this.cache.pack(
        entries.slice(i, i + this.config.MATCH_BACKGROUND_SLICE),
        products,
      );
      const lists = needTopLists(
        rankShard(set.needs, set.products, { k: k + 1, m: 0 }),
        set.needs,
        set.products,
      );
      const diffs = firmViewDiffs(lists, data.productId, wasInView, k);
      const entering = diffs.entering.map((e) =>
        viewRow(products, e.needId, firmOf.get(e.needId) as string, e.productId, e.score),
      );
      await this.db.transaction((tx) =>
        this.writer.applyNeedViewDiffs(tx, entering, diffs.leaving),
      );
      entered += entering.length;
      left += diffs.leaving.length;
      await yieldToEventLoop();
    }
    return { needs: entries.length, entering: entered, leaving: left };
  }
}
