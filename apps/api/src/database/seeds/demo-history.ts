// Six months of illustrative loan history for the demo: applications at every status at
// several banks, each a chain of events the way the review pipeline writes them, so the
// officer's queue, the firm's timeline and the government's chain figures have a past.
// All amounts, dates and notes are illustrative.
import type { EntityManager } from 'typeorm';
import { evaluateWorkedMatch, ENGINE_VERSION } from '@lianrong/matching';
import type {
  Collateral,
  DeclineReason,
  MatchEventKind,
  MatchStatus,
  Purpose,
} from '../../common/domain-enums';
import {
  loadMatchContext,
  loadNeedEntries,
  loadProducts,
} from '../../modules/matching/matching-inputs';
import { shanghaiDate, shanghaiDayNumber, shanghaiMidnight } from '../../common/china-time';
import { NEEDS } from './demo-data';
import { stableId } from './stable-id';

const orgId = (kind: string, key: string) => stableId(`org:${kind}:${key}`);
const userId = (email: string) => stableId(`user:${email}`);

/** Who makes a step: the applying firm, the product bank's officer or its second officer, or the platform. */
type Actor = 'firm' | 'officer' | 'checker' | 'system';

interface Step {
  daysAgo: number;
  to: MatchStatus;
  by: Actor;
  kind?: MatchEventKind;
  amount?: number;
  rateBps?: number;
  termMonths?: number;
  reason?: DeclineReason;
  note?: string;
}

interface PastNeed {
  key: string;
  firm: string;
  amount: number;
  termMonths: number;
  purpose: Purpose;
  maxRateBps: number;
  collateral: Collateral;
  note: string;
  createdDaysAgo: number;
  /** Set when the firm withdrew the need itself. */
  withdrawnDaysAgo?: number;
}

interface PastApplication {
  key: string;
  /** A key of PAST_NEEDS or of the current demo needs. */
  need: string;
  product: string;
  /** Steps oldest first; the first is the firm's application or the bank's pick-up. */
  steps: Step[];
  /** The declined application whose referral led here. */
  referredFrom?: string;
}

/** Officers by bank; the second one checks approvals above the bank's limit (四眼原则). */
export const BANK_OFFICERS: Record<string, { officer: string; checker?: string }> = {
  boc: { officer: 'bank@lianrong.demo', checker: 'bank2@lianrong.demo' },
  cssb: { officer: 'cssb@lianrong.demo' },
  webank: { officer: 'webank@lianrong.demo' },
  ccb: { officer: 'ccb@lianrong.demo' },
};

const FIRM_USERS: Record<string, string> = {
  bojiang: 'firm@lianrong.demo',
  checheng: 'checheng@lianrong.demo',
};

export const PAST_NEEDS: PastNeed[] = [
  {
    key: 'shengxiang-wc',
    firm: 'shengxiang',
    amount: 3_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 480,
    collateral: 'none',
    note: '试剂原料备货',
    createdDaysAgo: 12,
  },
  {
    key: 'hualing-wc2',
    firm: 'hualing',
    amount: 6_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 420,
    collateral: 'none',
    note: '轨交线缆订单周转',
    createdDaysAgo: 25,
  },
  {
    key: 'feiwo-wc-h',
    firm: 'feiwo',
    amount: 20_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 420,
    collateral: 'none',
    note: '原材料集中采购',
    createdDaysAgo: 175,
  },
  {
    key: 'hualing-wc-h',
    firm: 'hualing',
    amount: 10_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 500,
    collateral: 'guarantee',
    note: '航空线缆订单备货',
    createdDaysAgo: 160,
  },
  {
    key: 'checheng-sc-h',
    firm: 'checheng',
    amount: 2_000_000,
    termMonths: 6,
    purpose: 'supply_chain',
    maxRateBps: 430,
    collateral: 'receivables',
    note: '中车株洲所应收账款',
    createdDaysAgo: 150,
  },
  {
    key: 'jinwei-sc-h',
    firm: 'jinwei',
    amount: 1_500_000,
    termMonths: 6,
    purpose: 'supply_chain',
    maxRateBps: 440,
    collateral: 'receivables',
    note: '时代新材订单备料',
    createdDaysAgo: 130,
  },
  {
    key: 'weisuan-wc-h',
    firm: 'weisuan',
    amount: 1_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 900,
    collateral: 'none',
    note: '服务器采购周转',
    createdDaysAgo: 115,
  },
  {
    key: 'chongde-wc-h',
    firm: 'chongde',
    amount: 800_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 800,
    collateral: 'none',
    note: '航空轴承订单周转',
    createdDaysAgo: 100,
  },
  {
    key: 'shengxiang-rd-h',
    firm: 'shengxiang',
    amount: 8_000_000,
    termMonths: 24,
    purpose: 'rd',
    maxRateBps: 480,
    collateral: 'ip_pledge',
    note: '分子诊断试剂研发',
    createdDaysAgo: 85,
  },
  {
    key: 'chongde-exp-h',
    firm: 'chongde',
    amount: 15_000_000,
    termMonths: 36,
    purpose: 'expansion',
    maxRateBps: 520,
    collateral: 'property',
    note: '滑动轴承新车间',
    createdDaysAgo: 70,
    withdrawnDaysAgo: 55,
  },
  {
    key: 'nanfang-wc-h',
    firm: 'nanfang',
    amount: 5_000_000,
    termMonths: 12,
    purpose: 'working_capital',
    maxRateBps: 420,
    collateral: 'none',
    note: '核电阀门订单备货',
    createdDaysAgo: 50,
  },
  {
    key: 'checheng-sc-h2',
    firm: 'checheng',
    amount: 1_000_000,
    termMonths: 6,
    purpose: 'supply_chain',
    maxRateBps: 430,
    collateral: 'receivables',
    note: '中车株洲所应收账款（续）',
    createdDaysAgo: 40,
  },
];

const FULFILLED_ELSEWHERE = '已通过其他产品获得融资';

export const PAST_APPLICATIONS: PastApplication[] = [
  {
    key: 'feiwo-lg',
    need: 'feiwo-wc-h',
    product: 'boc-little-giant',
    steps: [
      { daysAgo: 172, to: 'applied', by: 'firm' },
      { daysAgo: 171, to: 'in_review', by: 'officer' },
      {
        daysAgo: 168,
        to: 'pending_approval',
        by: 'officer',
        amount: 20_000_000,
        rateBps: 360,
        termMonths: 12,
      },
      {
        daysAgo: 167,
        to: 'approved',
        by: 'checker',
        amount: 20_000_000,
        rateBps: 360,
        termMonths: 12,
      },
      { daysAgo: 165, to: 'disbursed', by: 'officer', amount: 12_000_000 },
      { daysAgo: 150, to: 'disbursed', by: 'officer', kind: 'drawdown', amount: 8_000_000 },
    ],
  },
  {
    key: 'hualing-growth',
    need: 'hualing-wc-h',
    product: 'boc-growth',
    steps: [
      { daysAgo: 158, to: 'applied', by: 'firm' },
      { daysAgo: 157, to: 'in_review', by: 'officer' },
      {
        daysAgo: 154,
        to: 'pending_approval',
        by: 'officer',
        amount: 10_000_000,
        rateBps: 430,
        termMonths: 12,
      },
      {
        daysAgo: 153,
        to: 'approved',
        by: 'checker',
        amount: 10_000_000,
        rateBps: 430,
        termMonths: 12,
      },
      { daysAgo: 150, to: 'disbursed', by: 'officer', amount: 10_000_000 },
    ],
  },
  {
    key: 'checheng-crrc-h',
    need: 'checheng-sc-h',
    product: 'cssb-crrc',
    steps: [
      { daysAgo: 148, to: 'applied', by: 'firm' },
      { daysAgo: 147, to: 'in_review', by: 'officer' },
      {
        daysAgo: 146,
        to: 'approved',
        by: 'officer',
        amount: 2_000_000,
        rateBps: 390,
        termMonths: 6,
      },
      { daysAgo: 145, to: 'disbursed', by: 'officer', amount: 2_000_000 },
    ],
  },
  {
    key: 'jinwei-times-h',
    need: 'jinwei-sc-h',
    product: 'cssb-times',
    steps: [
      { daysAgo: 128, to: 'applied', by: 'firm' },
      { daysAgo: 126, to: 'in_review', by: 'officer' },
      {
        daysAgo: 125,
        to: 'approved',
        by: 'officer',
        amount: 1_500_000,
        rateBps: 400,
        termMonths: 6,
      },
      { daysAgo: 124, to: 'disbursed', by: 'officer', amount: 1_500_000 },
    ],
  },
  {
    key: 'weisuan-ccb-h',
    need: 'weisuan-wc-h',
    product: 'ccb-kuaidai',
    steps: [
      { daysAgo: 113, to: 'applied', by: 'firm' },
      {
        daysAgo: 110,
        to: 'declined',
        by: 'officer',
        reason: 'debt_too_high',
        note: '近两年经营性现金流为负，负债率超出本行小微快贷准入标准',
      },
    ],
  },
  {
    key: 'weisuan-webank-h',
    need: 'weisuan-wc-h',
    product: 'webank-weiye',
    referredFrom: 'weisuan-ccb-h',
    steps: [
      { daysAgo: 109, to: 'applied', by: 'firm' },
      { daysAgo: 109, to: 'in_review', by: 'officer' },
      {
        daysAgo: 108,
        to: 'approved',
        by: 'officer',
        amount: 1_000_000,
        rateBps: 850,
        termMonths: 12,
      },
      { daysAgo: 107, to: 'disbursed', by: 'officer', amount: 1_000_000 },
    ],
  },
  {
    key: 'chongde-webank-h',
    need: 'chongde-wc-h',
    product: 'webank-weiye',
    steps: [
      { daysAgo: 98, to: 'applied', by: 'firm' },
      {
        daysAgo: 96,
        to: 'applied',
        by: 'officer',
        kind: 'documents_requested',
        note: '请补充近六个月银行流水',
      },
      {
        daysAgo: 92,
        to: 'declined',
        by: 'officer',
        reason: 'documents_missing',
        note: '流水未在期限内补齐',
      },
    ],
  },
  {
    key: 'chongde-ccb-h',
    need: 'chongde-wc-h',
    product: 'ccb-kuaidai',
    referredFrom: 'chongde-webank-h',
    steps: [
      { daysAgo: 91, to: 'applied', by: 'firm' },
      { daysAgo: 90, to: 'in_review', by: 'officer' },
      { daysAgo: 88, to: 'approved', by: 'officer', amount: 800_000, rateBps: 450, termMonths: 12 },
      { daysAgo: 86, to: 'disbursed', by: 'officer', amount: 800_000 },
    ],
  },
  {
    key: 'shengxiang-innovation-h',
    need: 'shengxiang-rd-h',
    product: 'boc-innovation',
    steps: [
      { daysAgo: 83, to: 'applied', by: 'firm' },
      {
        daysAgo: 81,
        to: 'applied',
        by: 'officer',
        kind: 'documents_requested',
        note: '请补充专利证书及研发项目立项书',
      },
      { daysAgo: 79, to: 'in_review', by: 'officer' },
      {
        daysAgo: 76,
        to: 'pending_approval',
        by: 'officer',
        amount: 8_000_000,
        rateBps: 420,
        termMonths: 24,
      },
      {
        daysAgo: 75,
        to: 'approved',
        by: 'checker',
        amount: 8_000_000,
        rateBps: 420,
        termMonths: 24,
      },
      { daysAgo: 72, to: 'disbursed', by: 'officer', amount: 5_000_000 },
      { daysAgo: 60, to: 'disbursed', by: 'officer', kind: 'drawdown', amount: 3_000_000 },
    ],
  },
  {
    key: 'chongde-growth-h',
    need: 'chongde-exp-h',
    product: 'boc-growth',
    steps: [
      { daysAgo: 68, to: 'applied', by: 'firm' },
      { daysAgo: 65, to: 'in_review', by: 'officer' },
      {
        daysAgo: 61,
        to: 'declined',
        by: 'officer',
        reason: 'collateral_insufficient',
        note: '厂房已抵押给他行，剩余押品价值不足',
      },
    ],
  },
  {
    key: 'nanfang-lg-h',
    need: 'nanfang-wc-h',
    product: 'boc-little-giant',
    steps: [
      { daysAgo: 48, to: 'applied', by: 'firm' },
      { daysAgo: 47, to: 'in_review', by: 'officer' },
      {
        daysAgo: 45,
        to: 'pending_approval',
        by: 'officer',
        amount: 5_000_000,
        rateBps: 380,
        termMonths: 12,
      },
      {
        daysAgo: 44,
        to: 'approved',
        by: 'checker',
        amount: 5_000_000,
        rateBps: 380,
        termMonths: 12,
      },
    ],
  },
  {
    key: 'checheng-crrc-h2',
    need: 'checheng-sc-h2',
    product: 'cssb-crrc',
    steps: [
      { daysAgo: 38, to: 'applied', by: 'firm' },
      { daysAgo: 37, to: 'in_review', by: 'officer' },
      {
        daysAgo: 36,
        to: 'approved',
        by: 'officer',
        amount: 1_000_000,
        rateBps: 380,
        termMonths: 6,
      },
      { daysAgo: 35, to: 'disbursed', by: 'officer', amount: 1_000_000 },
    ],
  },
  {
    key: 'hualing-lg-withdrawn',
    need: 'hualing-wc2',
    product: 'boc-little-giant',
    steps: [
      { daysAgo: 22, to: 'applied', by: 'firm' },
      { daysAgo: 20, to: 'withdrawn', by: 'firm', note: '已与其他机构达成意向' },
    ],
  },
  {
    key: 'shengxiang-innovation',
    need: 'shengxiang-wc',
    product: 'boc-innovation',
    steps: [
      { daysAgo: 9, to: 'applied', by: 'firm' },
      { daysAgo: 7, to: 'in_review', by: 'officer' },
    ],
  },
  // Live work on the current demo needs (博匠's own needs are left for the visitor to apply).
  {
    key: 'aiwei-innovation',
    need: 'aiwei-rd',
    product: 'boc-innovation',
    steps: [
      { daysAgo: 20, to: 'applied', by: 'firm' },
      { daysAgo: 18, to: 'in_review', by: 'officer' },
      {
        daysAgo: 17,
        to: 'pending_approval',
        by: 'officer',
        amount: 15_000_000,
        rateBps: 430,
        termMonths: 36,
      },
    ],
  },
  {
    key: 'weisuan-webank',
    need: 'weisuan-wc',
    product: 'webank-weiye',
    steps: [
      { daysAgo: 30, to: 'applied', by: 'firm' },
      {
        daysAgo: 27,
        to: 'declined',
        by: 'officer',
        reason: 'credit_record',
        note: '近两年征信有逾期记录',
      },
    ],
  },
  {
    key: 'feiwo-contacted',
    need: 'feiwo-equip',
    product: 'boc-little-giant',
    steps: [{ daysAgo: 10, to: 'contacted', by: 'officer' }],
  },
  // Unanswered for two weeks: overdue on any bank's clock.
  {
    key: 'xingbang-lg',
    need: 'xingbang-exp',
    product: 'boc-little-giant',
    steps: [{ daysAgo: 15, to: 'applied', by: 'firm' }],
  },
  {
    key: 'checheng-crrc',
    need: 'checheng-sc',
    product: 'cssb-crrc',
    steps: [{ daysAgo: 14, to: 'applied', by: 'firm' }],
  },
  {
    key: 'jinwei-times',
    need: 'jinwei-sc',
    product: 'cssb-times',
    steps: [{ daysAgo: 1, to: 'applied', by: 'firm' }],
  },
];

/** When a past need stopped being open: the firm withdrew it, or its first drawdown fulfilled it. */
function closedAt(n: PastNeed, now: Date): Date | null {
  if (n.withdrawnDaysAgo !== undefined) return dayAt(now, n.withdrawnDaysAgo);
  for (const a of PAST_APPLICATIONS.filter((p) => p.need === n.key)) {
    const i = a.steps.findIndex((s) => s.to === 'disbursed');
    if (i >= 0) return dayAt(now, a.steps[i].daysAgo, i);
  }
  return null;
}

/** 10:00 in Changsha `daysAgo` days before `now`, plus `order` minutes so same-day steps keep their order. */
function dayAt(now: Date, daysAgo: number, order = 0): Date {
  const midnight = shanghaiMidnight(shanghaiDayNumber(now) - daysAgo);
  return new Date(midnight.getTime() + 2 * 3_600_000 + order * 60_000);
}

interface MatchState {
  status: MatchStatus;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
  creditCheckConsentAt: Date | null;
  proposed: Step | null;
  proposedBy: string | null;
  approved: Step | null;
  approvedAt: Date | null;
  disbursedAmount: number | null;
  disbursedAt: Date | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  version: number;
}

/** Folds the steps the way the review pipeline applies moves, so the row agrees with its events. */
function replay(steps: Step[], now: Date, actorOf: (s: Step) => string | null): MatchState {
  const s: MatchState = {
    status: 'suggested',
    appliedAt: null,
    firstResponseAt: null,
    creditCheckConsentAt: null,
    proposed: null,
    proposedBy: null,
    approved: null,
    approvedAt: null,
    disbursedAmount: null,
    disbursedAt: null,
    declineReason: null,
    declineNote: null,
    version: 1,
  };
  steps.forEach((step, i) => {
    const at = dayAt(now, step.daysAgo, i);
    s.version++;
    if (step.kind === 'documents_requested') {
      s.firstResponseAt ??= at;
      return;
    }
    if (step.by === 'firm' && step.to === 'applied') {
      s.appliedAt = at;
      s.creditCheckConsentAt = at;
      s.firstResponseAt = null;
    } else if (step.by !== 'firm' && step.by !== 'system' && s.appliedAt) {
      s.firstResponseAt ??= at;
    }
    if (step.to === 'pending_approval') {
      s.proposed = step;
      s.proposedBy = actorOf(step);
    }
    if (step.to === 'approved') {
      s.approved = step;
      s.approvedAt = at;
    }
    if (step.to === 'disbursed') {
      s.disbursedAmount = (s.disbursedAmount ?? 0) + (step.amount ?? 0);
      s.disbursedAt = at;
    }
    if (step.to === 'declined') {
      s.declineReason = step.reason ?? 'other';
      s.declineNote = step.note ?? null;
    }
    s.status = step.to;
  });
  return s;
}

/**
 * Writes the history once: applications already present are left as they are. Every pair is
 * judged by the matching rules first, so the demo never shows an application to a product
 * the firm does not qualify for.
 */
export async function seedDemoHistory(em: EntityManager, now = new Date()): Promise<number> {
  const needId = (key: string) => stableId(`need:${key}`);
  const productId = (key: string) => stableId(`product:${key}`);
  const applicationId = (key: string) => stableId(`application:${key}`);
  let inserted = 0;

  for (const n of PAST_NEEDS) {
    const fulfilled = PAST_APPLICATIONS.some(
      (a) => a.need === n.key && a.steps.some((s) => s.to === 'disbursed'),
    );
    const status =
      n.withdrawnDaysAgo !== undefined ? 'withdrawn' : fulfilled ? 'fulfilled' : 'open';
    const rows = await em.query(
      `INSERT INTO funding_needs (id, firm_id, amount, term_months, purpose, max_rate_bps, collateral, note, status, created_at, updated_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        needId(n.key),
        orgId('firm', n.firm),
        n.amount,
        n.termMonths,
        n.purpose,
        n.maxRateBps,
        n.collateral,
        n.note,
        status,
        dayAt(now, n.createdDaysAgo),
        closedAt(n, now),
      ],
    );
    inserted += rows.length;
  }

  const present = new Set(
    (
      (await em.query('SELECT id FROM matches WHERE id = ANY($1::uuid[])', [
        PAST_APPLICATIONS.map((a) => applicationId(a.key)),
      ])) as { id: string }[]
    ).map((r) => r.id),
  );
  const todo = PAST_APPLICATIONS.filter((a) => !present.has(applicationId(a.key)));
  if (todo.length === 0) return inserted;

  const needs = new Map(
    (
      await loadNeedEntries(em, { kind: 'ids', ids: [...new Set(todo.map((a) => needId(a.need)))] })
    ).map((e) => [e.need.id, e]),
  );
  const products = new Map((await loadProducts(em)).map((p) => [p.id, p]));
  const ctx = await loadMatchContext(em);

  // Referrals point at earlier rows, so rows go in list order.
  for (const a of todo) {
    const entry = needs.get(needId(a.need));
    const product = products.get(productId(a.product));
    if (!entry || !product) throw new Error(`demo history ${a.key}: need or product missing`);
    const evaluation = evaluateWorkedMatch(entry.firm, entry.need, product, ctx);
    if (!evaluation.eligible) {
      throw new Error(
        `demo history ${a.key}: not eligible (${evaluation.failures.map((f) => f.code).join(', ')})`,
      );
    }
    const bank = product.bankId;
    const bankKey = Object.keys(BANK_OFFICERS).find((k) => orgId('bank', k) === bank);
    const officers = bankKey ? BANK_OFFICERS[bankKey] : undefined;
    const firmKey = [...PAST_NEEDS, ...NEEDS].find((n) => n.key === a.need)?.firm ?? '';
    const actorOf = (step: Step): string | null => {
      if (step.by === 'firm') return FIRM_USERS[firmKey] ? userId(FIRM_USERS[firmKey]) : null;
      if (step.by === 'officer') return officers ? userId(officers.officer) : null;
      if (step.by === 'checker') return officers?.checker ? userId(officers.checker) : null;
      return null;
    };
    const actorOrg = (step: Step): string | null =>
      step.by === 'firm' ? orgId('firm', firmKey) : step.by === 'system' ? null : bank;
    const state = replay(a.steps, now, actorOf);
    const id = applicationId(a.key);
    const referredFrom = a.referredFrom ? applicationId(a.referredFrom) : null;

    // A suggestion the worker already stored for this pair gives way to the worked history.
    await em.query(
      `DELETE FROM matches WHERE need_id = $1 AND product_id = $2 AND status = 'suggested'`,
      [entry.need.id, product.id],
    );
    await em.query(
      `INSERT INTO matches (id, need_id, product_id, firm_id, bank_id, score, engine_version, status, version,
         applied_at, first_response_at, credit_check_consent_at, referred_from_match_id,
         proposed_amount, proposed_rate_bps, proposed_term_months, proposed_by,
         approved_amount, approved_rate_bps, approved_term_months, approved_at,
         disbursed_amount, disbursed_at, decline_reason, decline_note, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27)`,
      [
        id,
        entry.need.id,
        product.id,
        entry.firm.id,
        bank,
        evaluation.score,
        ENGINE_VERSION,
        state.status,
        state.version,
        state.appliedAt,
        state.firstResponseAt,
        state.creditCheckConsentAt,
        referredFrom,
        state.status === 'pending_approval' ? state.proposed?.amount : null,
        state.status === 'pending_approval' ? state.proposed?.rateBps : null,
        state.status === 'pending_approval' ? state.proposed?.termMonths : null,
        state.status === 'pending_approval' ? state.proposedBy : null,
        state.approved?.amount ?? null,
        state.approved?.rateBps ?? null,
        state.approved?.termMonths ?? null,
        state.approvedAt,
        state.disbursedAmount,
        state.disbursedAt,
        state.status === 'declined' ? state.declineReason : null,
        state.status === 'declined' ? state.declineNote : null,
        dayAt(now, a.steps[0].daysAgo),
        dayAt(now, a.steps[a.steps.length - 1].daysAgo, a.steps.length - 1),
      ],
    );
    let from: MatchStatus = 'suggested';
    for (const [i, step] of a.steps.entries()) {
      const at = dayAt(now, step.daysAgo, i);
      const kind: MatchEventKind = step.kind ?? 'transition';
      await em.query(
        `INSERT INTO match_events (match_id, kind, actor_user_id, actor_org_id, from_status, to_status, at, amount,
           rate_bps, term_months, occurred_on, reason_code, note, credit_check_consent, referred_from_match_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
        [
          id,
          kind,
          actorOf(step),
          actorOrg(step),
          from,
          step.to,
          at,
          step.amount ?? null,
          step.rateBps ?? null,
          step.termMonths ?? null,
          step.to === 'disbursed' ? shanghaiDate(at) : null,
          step.reason ?? null,
          step.note ?? null,
          step.by === 'firm' && step.to === 'applied',
          i === 0 ? referredFrom : null,
        ],
      );
      from = step.to;
    }
    inserted += 1 + a.steps.length;
  }
  inserted += await closeFulfilledNeeds(em, now);
  return inserted;
}

/** A disbursed need's other live matches closed by the platform, as the pipeline does. */
async function closeFulfilledNeeds(em: EntityManager, now: Date): Promise<number> {
  const closed: { id: string; status: MatchStatus }[] = await em.query(
    `SELECT m.id, m.status FROM matches m JOIN funding_needs n ON n.id = m.need_id
      WHERE n.status = 'fulfilled' AND m.status IN ('applied', 'contacted', 'in_review', 'pending_approval', 'approved')
      ORDER BY m.need_id, m.product_id FOR UPDATE OF m`,
  );
  for (const m of closed) {
    await em.query(`UPDATE matches SET status = 'withdrawn', version = version + 1 WHERE id = $1`, [
      m.id,
    ]);
    await em.query(
      `INSERT INTO match_events (match_id, kind, from_status, to_status, at, note) VALUES ($1, 'transition', $2, 'withdrawn', $3, $4)`,
      [m.id, m.status, now, FULFILLED_ELSEWHERE],
    );
  }
  return closed.length;
}
