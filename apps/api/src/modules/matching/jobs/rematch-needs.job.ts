import { needTopLists, rankShard } from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { type ShardBounds, viewRow, yieldToEventLoop } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';
import { MatchWriter } from '../match-writer';

/**
 * `rematch.needs`: the firms' views (top K) of one shard of needs, written slice by slice,
 * each slice its own short transaction.
 */
@Injectable()
export class RematchNeedsJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: MatchingCache,
    private readonly writer: MatchWriter,
    private readonly config: AppConfig,
  ) {}

  async run(data: { run: string } & ShardBounds) {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const shard = this.cache.slice(await this.cache.openNeeds(em), data.lo, data.hi);
    const step = this.config.MATCH_BACKGROUND_SLICE;
    let written = 0;
    for (let i = 0; i < shard.length; i += step) {
      const entries = shard.slice(i, i + step);
      const set = this.cache.pack(entries, products);
      const result = rankShard(set.needs, set.products, { k: this.config.MATCH_TOP_K, m: 0 });
      const firmOf = new Map(entries.map((e) => [e.need.id, e.firm.id]));
      const rows = needTopLists(result, set.needs, set.products).flatMap((list) =>
        list.products.map((p) =>
          viewRow(products, list.needId, firmOf.get(list.needId) as string, p.productId, p.score),
        ),
      );
      await this.db.transaction((tx) => this.writer.upsertView(tx, 'need', rows, data.run));
      written += rows.length;
      await yieldToEventLoop();
    }
    return { needs: shard.length, rows: written };
  }
}
