import { type Failure, type ScoreComponent, whatIf } from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { badRequest } from '../../common/http/api-error';
import { loadMatchContext, loadNeedEntries, loadProducts } from '../matching/matching-inputs';
import { FundingNeed } from '../needs/funding-need.entity';
import { type WhatIfDto } from './dtos/what-if.dto';

interface ProductNames {
  productId: string;
  productName: string;
  bankName: string;
}

export interface WhatIfView {
  opened: (ProductNames & { score: number })[];
  closed: (ProductNames & { failures: Failure[] })[];
  ranked: (ProductNames & { score: number; previousScore: number | null; components: ScoreComponent[] })[];
}

const FINANCIAL_FIELDS = ['rdExpense', 'revenue', 'totalLiabilities'] as const;

/**
 * 试算: the ranking a need would get if some inputs were different. It only reads — no
 * row is written and nothing goes to the outbox — and every rule is the library's.
 */
@Injectable()
export class WhatIfService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
  ) {}

  async run(actor: Actor, needId: string, changes: WhatIfDto): Promise<WhatIfView> {
    await this.scope.findOneOr404(
      this.db.getRepository(FundingNeed).createQueryBuilder('n').where('n.id = :needId', { needId }),
      'need',
      'n',
      actor,
      'funding need',
    );
    const [entry] = await loadNeedEntries(this.db.manager, { kind: 'ids', ids: [needId] });
    if (entry.firm.financials.length === 0) {
      const field = FINANCIAL_FIELDS.find((f) => changes[f] !== undefined);
      if (field) throw badRequest(field, 'cannot be tried before any financial year is reported');
    }
    const products = (await loadProducts(this.db.manager)).filter((p) => p.status === 'active');
    const result = whatIf(
      entry.firm,
      entry.need,
      products,
      changes,
      await loadMatchContext(this.db.manager),
    );
    const names = await this.names(products.map((p) => p.id));
    const named = (productId: string): ProductNames => ({
      productId,
      productName: names.get(productId)?.name ?? '',
      bankName: names.get(productId)?.bank_name ?? '',
    });
    return {
      opened: result.opened.map((o) => ({ ...named(o.productId), score: o.score })),
      closed: result.closed.map((c) => ({ ...named(c.productId), failures: c.failures })),
      ranked: result.ranked.map((r) => ({
        ...named(r.productId),
        score: r.score,
        previousScore: r.previousScore,
        components: r.components,
      })),
    };
  }

  private async names(ids: string[]): Promise<Map<string, { name: string; bank_name: string }>> {
    const rows: { id: string; name: string; bank_name: string }[] = await this.db.query(
      `SELECT p.id, p.name, b.name AS bank_name FROM loan_products p JOIN organizations b ON b.id = p.bank_id
        WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
