import { firmViewDiffs } from '@lianrong/matching';
import {
  compileProducts,
  rankNeedAgainstProducts,
  rankProductAgainstNeeds,
} from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { type ShardBounds, viewRow, yieldToEventLoop } from '../fan-out';
import { MatchingCache, idRange, packedIndexOf } from '../matching-cache.service';
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
    const k = this.config.MATCH_TOP_K;
    const products = await this.cache.productsSnapshot(this.db.manager);
    const open = await this.cache.openNeeds();
    const { start, end } = idRange(open, data.lo, data.hi);
    const rank = open.needs.columns.idRank;
    const product = products.byId.get(data.productId);
    const affected = new Set<number>();
    // Needs of the shard the product is eligible for, and needs whose stored view holds it.
    if (product) {
      const ranking = rankProductAgainstNeeds(
        open.needs,
        compileProducts([product], open.needs, products.ctx),
        data.productId,
        open.needs.columns.count,
      );
      for (const n of ranking.need) if (rank[n] >= start && rank[n] < end) affected.add(n);
    }
    const stored: { need_id: string }[] = await this.db.query(
      `SELECT need_id FROM matches WHERE product_id = $1 AND in_need_top
          AND ($2::uuid IS NULL OR need_id >= $2) AND ($3::uuid IS NULL OR need_id < $3)`,
      [data.productId, data.lo, data.hi],
    );
    const wasInView = new Set(stored.map((s) => s.need_id));
    for (const id of wasInView) {
      const n = packedIndexOf(open, id);
      if (n >= 0) affected.add(n);
    }
    const needs = [...affected].sort((a, b) => rank[a] - rank[b]);
    const compiled = this.cache.compiled(open, products);
    let entered = 0;
    let left = 0;
    for (let i = 0; i < needs.length; i += this.config.MATCH_BACKGROUND_SLICE) {
      const lists = needs.slice(i, i + this.config.MATCH_BACKGROUND_SLICE).map((n) => ({
        needId: open.needs.ids[n],
        products: rankNeedAgainstProducts(open.needs, compiled, n, k + 1),
      }));
      const diffs = firmViewDiffs(lists, data.productId, wasInView, k);
      const firmOf = new Map(
        needs
          .slice(i, i + this.config.MATCH_BACKGROUND_SLICE)
          .map((n) => [open.needs.ids[n], open.firmIds[open.firmOf[n]]]),
      );
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
    return { needs: needs.length, entering: entered, leaving: left };
  }
}
