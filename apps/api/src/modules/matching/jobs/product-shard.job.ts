import {
  compileProducts,
  productRankingList,
  rankProductAgainstNeeds,
} from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { type ShardBounds, type ShardTop } from '../fan-out';
import { MatchingCache } from '../matching-cache.service';

/** `product.shard`: ranks one product against a shard of needs; writes nothing. */
@Injectable()
export class ProductShardJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: MatchingCache,
    private readonly config: AppConfig,
  ) {}

  async run(data: { productId: string } & ShardBounds): Promise<ShardTop> {
    const em = this.db.manager;
    const products = await this.cache.productsSnapshot(em);
    const product = products.byId.get(data.productId);
    const shard = this.cache.packedSlice(await this.cache.openNeeds(em), data.lo, data.hi);
    if (!product) return { top: [], eligible: 0 };
    const compiled = compileProducts([product], shard.needs, products.ctx);
    const ranking = rankProductAgainstNeeds(
      shard.needs,
      compiled,
      data.productId,
      this.config.MATCH_TOP_M,
    );
    const firmOf = new Map(shard.entries.map((e) => [e.need.id, e.firm.id]));
    return {
      top: productRankingList(ranking, shard.needs).map((e) => [
        e.needId,
        firmOf.get(e.needId) as string,
        e.score,
      ]),
      eligible: ranking.eligible,
    };
  }
}
