import { productRankingList, rankProductAgainstNeeds } from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { viewRow, yieldToEventLoop } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { MatchWriter, type ViewRow } from '../match-writer';

/**
 * `rematch.products`: the officers' views (top M) of a group of products against every
 * open need, each product written in its own short transaction.
 */
@Injectable()
export class RematchProductsJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(data: { run: string; productIds: string[] }) {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const needs = await this.cache.openNeeds(em);
    const all = this.cache.packAll(needs, products);
    const firmOf = new Map(needs.entries.map((e) => [e.need.id, e.firm.id]));
    let written = 0;
    for (const productId of data.productIds) {
      await yieldToEventLoop();
      const ranking = rankProductAgainstNeeds(
        all.needs,
        all.products,
        productId,
        this.config.MATCH_TOP_M,
      );
      const rows: ViewRow[] = productRankingList(ranking, all.needs).map((n) =>
        viewRow(products, n.needId, firmOf.get(n.needId) as string, productId, n.score),
      );
      await this.db.transaction((tx) => this.writer.upsertView(tx, 'product', rows, data.run));
      written += rows.length;
    }
    return { products: data.productIds.length, rows: written };
  }
}
