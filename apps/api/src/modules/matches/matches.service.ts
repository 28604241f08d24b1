import {
  type Check,
  type MatchContext,
  type NearMiss,
  type ScoreComponent,
  evaluateWorkedMatch,
  nearMisses,
} from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { FundingNeed } from '../needs/funding-need.entity';
import { LoanProduct } from '../products/loan-product.entity';
import { notFound } from '../../common/http/api-error';
import { PreparedStatements } from '../../database/prepared-statements';
import {
  LEAD_BANKS_JSON_SQL,
  NEED_ENTRY_SQL,
  type NeedRow,
  type ProductRow,
  loadMatchContext,
  loadNeedEntries,
  loadProducts,
  toEntry,
  toProductInput,
} from '../matching/matching-inputs';

export interface NeedMatchView {
  id: string;
  status: string;
  score: number | null;
  ineligible: boolean;
  engineVersion: string;
  product: {
    id: string;
    name: string;
    kind: string;
    rateMinBps: number;
    rateMaxBps: number;
    bank: { id: string; name: string };
  };
  /** Score components from the library; the web turns names into words. */
  components: ScoreComponent[];
  /** Every rule the product imposes, required vs actual, from the library (units in each check). */
  checks: Check[];
}

export interface ProductMatchView {
  id: string;
  status: string;
  score: number | null;
  ineligible: boolean;
  need: { id: string; amount: number; termMonths: number; purpose: string };
  firm: { id: string; name: string; tier: string; regionCode: string };
}

/** A stored match as forNeed reads it: the product comes whole, as JSON. */
interface ExplainedMatchRow {
  id: string;
  status: string;
  score: number | null;
  ineligible: boolean;
  engine_version: string;
  product_id: string;
  bank_name: string;
  product: ProductRow & { name: string };
}

@Injectable()
export class MatchesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly prepared: PreparedStatements,
  ) {}

  private async assertNeedVisible(actor: Actor, needId: string): Promise<void> {
    const qb = this.db
      .getRepository(FundingNeed)
      .createQueryBuilder('n')
      .where('n.id = :needId', { needId });
    await this.scope.findOneOr404(qb, 'need', 'n', actor, 'funding need');
  }

  /**
   * The firm's ranked products for one of its needs, explained. The page a firm opens most:
   * its need, the matches and every input the rules read come back in one statement.
   */
  async forNeed(actor: Actor, needId: string): Promise<{ items: NeedMatchView[] }> {
    // The route is the firm's own (@Roles('firm')): its organisation is the scope.
    const [row]: {
      entry: NeedRow | null;
      lead_banks: Record<string, string>;
      matches: ExplainedMatchRow[] | null;
    }[] = await this.prepared.query(
      `WITH need AS (${NEED_ENTRY_SQL} WHERE n.id = $1 AND n.firm_id = $2)
       SELECT (SELECT row_to_json(need) FROM need) AS entry,
              ${LEAD_BANKS_JSON_SQL} AS lead_banks,
              (SELECT json_agg(x ORDER BY x.score DESC NULLS LAST, x.product_id)
                 FROM (SELECT m.id, m.status, m.score, m.ineligible, m.engine_version, m.product_id,
                              pb.bank_name, pb.product
                         FROM matches m
                         -- Each of the need's few products by key, not a join over all products
                         -- (LIMIT 1 keeps the planner from flattening it into one).
                         JOIN LATERAL (SELECT to_jsonb(p) AS product, b.name AS bank_name
                                         FROM loan_products p JOIN organizations b ON b.id = p.bank_id
                                        WHERE p.id = m.product_id LIMIT 1) pb ON true
                        WHERE m.need_id = $1 AND (m.in_need_top OR m.status <> 'suggested')
                          AND EXISTS (SELECT 1 FROM need)) x) AS matches`,
      [needId, actor.orgId],
    );
    if (!row?.entry) throw notFound('funding need');
    const entry = toEntry(row.entry, new Date());
    const ctx: MatchContext = { leadBankByChain: row.lead_banks };
    return {
      items: (row.matches ?? []).map((r) => {
        const product = toProductInput(r.product);
        const evaluation = evaluateWorkedMatch(entry.firm, entry.need, product, ctx);
        return {
          id: r.id,
          status: r.status,
          score: r.score,
          ineligible: r.ineligible,
          engineVersion: r.engine_version,
          product: {
            id: r.product_id,
            name: r.product.name,
            kind: r.product.kind,
            rateMinBps: r.product.rate_min_bps,
            rateMaxBps: r.product.rate_max_bps,
            bank: { id: r.product.bank_id, name: r.bank_name },
          },
          components: evaluation.components,
          checks: evaluation.checks,
        };
      }),
    };
  }

  /** Active products the need misses on exactly one rule, and by how much. */
  async nearMissesForNeed(
    actor: Actor,
    needId: string,
  ): Promise<{ items: (NearMiss & { productName: string; bankName: string })[] }> {
    await this.assertNeedVisible(actor, needId);
    const [entry] = await loadNeedEntries(this.db.manager, { kind: 'ids', ids: [needId] });
    const products = (await loadProducts(this.db.manager)).filter((p) => p.status === 'active');
    const misses = nearMisses(
      entry.firm,
      entry.need,
      products,
      await loadMatchContext(this.db.manager),
    );
    const names: { id: string; name: string; bank_name: string }[] = await this.db.query(
      `SELECT p.id, p.name, b.name AS bank_name FROM loan_products p JOIN organizations b ON b.id = p.bank_id
        WHERE p.id = ANY($1::uuid[])`,
      [misses.map((m) => m.productId)],
    );
    const byId = new Map(names.map((n) => [n.id, n]));
    return {
      items: misses.map((m) => ({
        ...m,
        productName: byId.get(m.productId)?.name ?? '',
        bankName: byId.get(m.productId)?.bank_name ?? '',
      })),
    };
  }

  /** The officer's ranked needs for one of its bank's products. */
  async forProduct(
    actor: Actor,
    productId: string,
    limit: number,
  ): Promise<{ items: ProductMatchView[]; total: number }> {
    await this.scope.findOneOr404(
      this.db
        .getRepository(LoanProduct)
        .createQueryBuilder('p')
        .where('p.id = :productId', { productId }),
      'product',
      'p',
      actor,
      'loan product',
    );
    const rows: {
      id: string;
      status: string;
      score: number | null;
      ineligible: boolean;
      need_id: string;
      amount: string;
      term_months: number;
      purpose: string;
      firm_id: string;
      firm_name: string;
      tier: string;
      region_code: string;
    }[] = await this.db.query(
      `SELECT m.id, m.status, m.score, m.ineligible, n.id AS need_id, n.amount, n.term_months, n.purpose,
              o.id AS firm_id, o.name AS firm_name, f.tier, o.region_code
         FROM matches m JOIN funding_needs n ON n.id = m.need_id
         JOIN firms f ON f.id = m.firm_id JOIN organizations o ON o.id = f.id
        WHERE m.product_id = $1 AND (m.in_product_top OR m.status <> 'suggested')
        ORDER BY m.score DESC NULLS LAST, n.id LIMIT $2`,
      [productId, limit],
    );
    const [{ total }] = await this.db.query(
      `SELECT count(*)::int AS total FROM matches WHERE product_id = $1 AND (in_product_top OR status <> 'suggested')`,
      [productId],
    );
    return {
      total,
      items: rows.map((r) => ({
        id: r.id,
        status: r.status,
        score: r.score,
        ineligible: r.ineligible,
        need: {
          id: r.need_id,
          amount: Number(r.amount),
          termMonths: r.term_months,
          purpose: r.purpose,
        },
        firm: { id: r.firm_id, name: r.firm_name, tier: r.tier, regionCode: r.region_code },
      })),
    };
  }
}
