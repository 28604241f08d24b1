import { randomUUID } from 'node:crypto';
import { ENGINE_VERSION } from '@lianrong/matching';
import { type MatchStatus, type Tier } from '../../src/common/domain-enums';
import { demoIds } from '../../src/database/seeds/demo';
import { bearer, type Session, type TestApp } from './test-app';

// A bank of its own with two products, thirty firms across regions, tiers, chains and the
// white list, and one need each matched to both products in every state a queue holds —
// plus a second bank whose matches with the same firms must never show. Rows go in
// through SQL: the queue reads what the pipeline and the loan loop write, and these
// suites check the reading.

export interface SeededFirm {
  id: string;
  name: string;
  regionCode: string;
  tier: Tier;
  whitelisted: boolean;
  chainIds: string[];
  /** Fiscal years reported, latest first. */
  years: number[];
  needId: string;
  needAmount: number;
}

export interface SeededMatch {
  id: string;
  bankId: string;
  productId: string;
  firmId: string;
  needId: string;
  status: MatchStatus;
  score: number | null;
  inProductTop: boolean;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
  proposedBy: string | null;
}

export interface QueueWorld {
  bankId: string;
  officer: Session;
  /** A second officer of the same bank (the checker of four-eyes approvals). */
  checker: Session;
  otherBankId: string;
  otherOfficer: Session;
  products: { id: string; name: string }[];
  otherProductId: string;
  firms: SeededFirm[];
  matches: SeededMatch[];
  chains: { electronics: string; rail: string };
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['430104', '430111', '430211', '430922', '440300', '431002'];
const TIERS: Tier[] = ['none', 'innovative', 'srdi', 'little_giant', 'champion'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Days before now an application was made: fresh, borderline and long overdue ones. */
const APPLIED_DAYS_AGO = [0.2, 1.5, 4, 9, 16, 30, 45];

type Shape =
  | 'top'
  | 'need_top'
  | 'applied'
  | 'contacted'
  | 'in_review'
  | 'pending_approval'
  | 'approved'
  | 'disbursed'
  | 'declined'
  | 'withdrawn';
const SHAPES: Shape[] = [
  'top',
  'top',
  'top',
  'need_top',
  'applied',
  'applied',
  'contacted',
  'in_review',
  'pending_approval',
  'approved',
  'disbursed',
  'declined',
  'withdrawn',
];

async function newBank(t: TestApp, admin: Session, tag: string) {
  const org = await t
    .http()
    .post('/api/v1/admin/orgs')
    .set(bearer(admin))
    .send({ kind: 'bank', name: `队列测试银行${tag}`, regionCode: '430000' })
    .expect(201);
  const officer = async (who: string) => {
    const email = `${who}-${tag}@queue.test`;
    await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        email,
        password: 'Secret#12345',
        displayName: `${who}（测试）`,
        role: 'bank',
        organizationId: org.body.id,
      })
      .expect(201);
    return t.login(email, 'Secret#12345');
  };
  return {
    id: org.body.id as string,
    officer: await officer('maker'),
    checker: await officer('checker'),
  };
}

async function insertProduct(t: TestApp, bankId: string, name: string): Promise<string> {
  const [row] = await t.db.query(
    `INSERT INTO loan_products (bank_id, name, kind, amount_min, amount_max, term_min, term_max, rate_min_bps, rate_max_bps, min_tier)
     VALUES ($1, $2, 'credit', 100000, 50000000, 3, 36, 380, 600, 'innovative') RETURNING id`,
    [bankId, name],
  );
  return row.id as string;
}

const financials = (revenue: number) => ({
  revenue,
  cost_of_sales: Math.round(revenue * 0.66),
  net_profit: Math.round(revenue * 0.08),
  rd_expense: Math.round(revenue * 0.06),
  total_assets: Math.round(revenue * 1.25),
  total_liabilities: Math.round(revenue * 0.6),
  accounts_receivable: Math.round(revenue * 0.24),
  inventory: Math.round(revenue * 0.14),
  accounts_payable: Math.round(revenue * 0.12),
  prepayments: Math.round(revenue * 0.01),
  advances_received: Math.round(revenue * 0.03),
  own_working_capital: Math.round(revenue * 0.05),
  existing_working_capital_loans: Math.round(revenue * 0.02),
});

export async function seedQueueWorld(t: TestApp, seed = 20261128): Promise<QueueWorld> {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const admin = await t.login('admin@lianrong.demo');
  const tag = randomUUID().slice(0, 8);
  const bank = await newBank(t, admin, `${tag}A`);
  const other = await newBank(t, admin, `${tag}B`);
  const products = [
    { id: await insertProduct(t, bank.id, '队列测试·科创贷'), name: '队列测试·科创贷' },
    { id: await insertProduct(t, bank.id, '队列测试·成长贷'), name: '队列测试·成长贷' },
  ];
  const otherProductId = await insertProduct(t, other.id, '他行测试贷');
  const chains = { electronics: demoIds.chainId('electronics'), rail: demoIds.chainId('rail') };
  const thisYear = new Date().getUTCFullYear();

  const firms: SeededFirm[] = [];
  for (let i = 0; i < 30; i++) {
    const name = `队列测试企业${tag}-${String(i).padStart(2, '0')}`;
    const regionCode = REGIONS[i % REGIONS.length];
    const tier = TIERS[i % TIERS.length];
    const whitelisted = i % 4 === 1;
    const [org] = await t.db.query(
      `INSERT INTO organizations (kind, name, region_code) VALUES ('firm', $1, $2) RETURNING id`,
      [name, regionCode],
    );
    await t.db.query(
      `INSERT INTO firms (id, industry_code, tier, tier_year, whitelisted) VALUES ($1, 'C3484', $2, $3, $4)`,
      [org.id, tier, tier === 'none' ? null : thisYear - 1, whitelisted],
    );
    const chainIds = [
      ...(i % 3 === 0 ? [chains.electronics] : []),
      ...(i % 4 === 0 ? [chains.rail] : []),
    ];
    for (const chainId of chainIds)
      await t.db.query(`INSERT INTO chain_members (chain_id, firm_id) VALUES ($1, $2)`, [
        chainId,
        org.id,
      ]);
    // Two recent years for most, an old lone year for some (stale), none for the rest.
    const years = i % 5 === 0 ? [thisYear - 3] : i % 5 === 4 ? [] : [thisYear - 1, thisYear - 2];
    for (const year of years) {
      const f = financials(20_000_000 + i * 1_000_000 + (thisYear - year) * 3_000_000);
      await t.db.query(
        `INSERT INTO financial_years (firm_id, year, ${Object.keys(f).join(', ')})
         VALUES ($1, $2, ${Object.keys(f)
           .map((_, k) => `$${k + 3}`)
           .join(', ')})`,
        [org.id, year, ...Object.values(f)],
      );
    }
    const needAmount = (1 + (i % 7)) * 1_000_000;
    const [need] = await t.db.query(
      `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
       VALUES ($1, $2, 12, 'working_capital', 500, 'none') RETURNING id`,
      [org.id, needAmount],
    );
    firms.push({
      id: org.id,
      name,
      regionCode,
      tier,
      whitelisted,
      chainIds,
      years,
      needId: need.id,
      needAmount,
    });
  }

  const now = Date.now();
  const matches: SeededMatch[] = [];
  const targets = [
    ...products.map((p) => ({ bankId: bank.id, productId: p.id })),
    { bankId: other.id, productId: otherProductId },
  ];
  let n = 0;
  for (const firm of firms) {
    for (const target of targets) {
      const shape = SHAPES[n++ % SHAPES.length];
      // A few exact ties on score and on application time, so ids must break them.
      const score =
        n % 11 === 0 ? null : n % 5 === 0 ? 70 : Math.round((40 + random() * 55) * 100) / 100;
      const bankApplied = shape === 'contacted' ? random() < 0.5 : true;
      const appliedAt =
        shape === 'top' || shape === 'need_top' || !bankApplied
          ? null
          : new Date(n % 7 === 0 ? now - 3 * DAY_MS : now - pick(APPLIED_DAYS_AGO) * DAY_MS);
      const status: MatchStatus =
        shape === 'top' || shape === 'need_top' ? 'suggested' : (shape as MatchStatus);
      const answered = status !== 'suggested' && status !== 'applied' && status !== 'withdrawn';
      const firstResponseAt =
        answered && appliedAt ? new Date(appliedAt.getTime() + DAY_MS / 2) : null;
      const amount = firm.needAmount;
      const proposedBy =
        status === 'pending_approval' && random() < 0.5 ? bank.officer.user.id : null;
      const [row] = await t.db.query(
        `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, status,
                              in_product_top, in_need_top, applied_at, first_response_at,
                              proposed_amount, proposed_rate_bps, proposed_term_months, proposed_by,
                              approved_amount, approved_rate_bps, approved_term_months, approved_at,
                              disbursed_amount, disbursed_at, decline_reason, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         RETURNING id`,
        [
          firm.needId,
          target.productId,
          firm.id,
          target.bankId,
          score,
          ENGINE_VERSION,
          status,
          shape === 'top' || (shape !== 'need_top' && random() < 0.5),
          shape === 'need_top' || random() < 0.3,
          appliedAt,
          firstResponseAt,
          status === 'pending_approval' ? amount : null,
          status === 'pending_approval' ? 420 : null,
          status === 'pending_approval' ? 12 : null,
          proposedBy,
          status === 'approved' || status === 'disbursed' ? amount : null,
          status === 'approved' || status === 'disbursed' ? 400 : null,
          status === 'approved' || status === 'disbursed' ? 12 : null,
          status === 'approved' || status === 'disbursed' ? new Date(now - DAY_MS) : null,
          status === 'disbursed' ? Math.round(amount / 2) : null,
          status === 'disbursed' ? new Date(now - DAY_MS / 2) : null,
          status === 'declined' ? 'debt_too_high' : null,
          1 + (n % 3),
        ],
      );
      matches.push({
        id: row.id,
        bankId: target.bankId,
        productId: target.productId,
        firmId: firm.id,
        needId: firm.needId,
        status,
        score,
        inProductTop: shape === 'top',
        appliedAt,
        firstResponseAt,
        proposedBy,
      });
    }
  }
  // in_product_top was drawn at random for worked rows; read back what went in.
  const flags: { id: string; in_product_top: boolean }[] = await t.db.query(
    `SELECT id, in_product_top FROM matches WHERE id = ANY($1::uuid[])`,
    [matches.map((m) => m.id)],
  );
  const top = new Map(flags.map((f) => [f.id, f.in_product_top]));
  for (const m of matches) m.inProductTop = top.get(m.id) ?? false;

  return {
    bankId: bank.id,
    officer: bank.officer,
    checker: bank.checker,
    otherBankId: other.id,
    otherOfficer: other.officer,
    products,
    otherProductId,
    firms,
    matches,
    chains,
  };
}
