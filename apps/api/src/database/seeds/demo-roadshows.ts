// Two past roadshows (一月一链 路演) of the demo agency with their invitations and the banks'
// intended financing (意向融资额), placed in months relative to the seed's day so that the loan
// history (demo-history.ts) shows what came of them. The province-wide 投融会 figures in the
// notes (28 projects roadshowed, 2.246bn yuan of intended financing) are the reported totals of
// the fair; the invitations and amounts below are illustrative.
import type { EntityManager } from 'typeorm';
import { GOV_AGENCY, PROVINCE, USERS } from './demo-data';
import { stableId } from './stable-id';
import { DAY_MS, shanghaiMonth } from '../../common/china-time';

const orgId = (kind: string, key: string) => stableId(`org:${kind}:${key}`);
const userId = (email: string) => stableId(`user:${email}`);

interface DemoRoadshow {
  key: string;
  chain: string;
  /** The roadshow falls in the month containing this many days before the seed's day. */
  daysAgo: number;
  title: string;
  venue: string;
  note: string;
  /** [firm key, open needs, amount asked] as presented. */
  firms: [string, number, number][];
  /** [bank key, invited as lead bank, invited firms its products matched]. */
  banks: [string, boolean, number][];
  /** [bank key, firm key, 意向融资额 in yuan, officer's note]. */
  intents: [string, string, number, string][];
}

const FAIR = '全省专精特新企业投融会共路演项目28个，现场意向融资额22.46亿元';

export const DEMO_ROADSHOWS: DemoRoadshow[] = [
  {
    key: 'rail',
    chain: 'rail',
    // Early enough that every approval and drawdown of the rail firms in the history follows it.
    daysAgo: 155,
    title: '“一月一链”轨道交通产业链投融资路演暨专精特新企业投融会',
    venue: '株洲·中国动力谷自主创新园',
    note: `${FAIR}；本场为轨道交通产业链专场，平台记录其中在平台融资的企业与银行。`,
    firms: [
      ['checheng', 1, 2_000_000],
      ['hualing', 1, 10_000_000],
    ],
    banks: [
      ['cssb', true, 1],
      ['boc', false, 1],
    ],
    intents: [
      ['cssb', 'checheng', 3_000_000, '中车株洲所应收账款融资，额度可循环使用'],
      ['cssb', 'hualing', 5_000_000, '订单融资，待补充合同'],
      ['boc', 'hualing', 12_000_000, '成长贷，可由担保公司增信'],
    ],
  },
  {
    key: 'aero',
    chain: 'aero',
    daysAgo: 95,
    title: '“一月一链”航空航天产业链投融资路演',
    venue: '湘潭·湘潭高新区创新创业服务中心',
    note: `延续${FAIR}的对接机制，本场为航空航天产业链专场。`,
    firms: [
      ['chongde', 1, 800_000],
      ['hualing', 1, 6_000_000],
    ],
    banks: [
      ['boc', true, 1],
      ['ccb', false, 1],
      ['webank', false, 1],
    ],
    intents: [
      ['boc', 'hualing', 6_000_000, '小巨人贷，利率可优惠'],
      ['boc', 'chongde', 5_000_000, '需补充近三年审计报告'],
      ['ccb', 'chongde', 1_000_000, '小微快贷线上申请'],
      ['webank', 'chongde', 800_000, '微业贷，有纳税记录即可'],
    ],
  },
];

/** First day (YYYY-MM-01) of the month containing `daysAgo` days before `now`, in China's time. */
export function roadshowMonth(now: Date, daysAgo: number): string {
  return `${shanghaiMonth(new Date(now.getTime() - daysAgo * DAY_MS))}-01`;
}

/** 10:00 in Changsha on `day` (YYYY-MM-DD) plus `days`. */
function at(day: string, days: number): Date {
  return new Date(Date.parse(`${day}T02:00:00Z`) + days * 86_400_000);
}

/**
 * Writes each roadshow once, with its invitations and intents; a roadshow already present
 * (or a chain that already has one that month) is left as it is.
 */
export async function seedDemoRoadshows(em: EntityManager, now = new Date()): Promise<number> {
  const govUser = userId(USERS.find((u) => u.role === 'gov')?.email ?? '');
  const agency = orgId('gov', GOV_AGENCY.key);
  const officer: Record<string, string> = {
    boc: 'bank@lianrong.demo',
    cssb: 'cssb@lianrong.demo',
    webank: 'webank@lianrong.demo',
    ccb: 'ccb@lianrong.demo',
  };
  let inserted = 0;

  // Demo firms on the list came with the chains: the agency's demo officer put them there.
  await em.query(
    `UPDATE firms SET whitelisted_by_user = $1 WHERE whitelisted AND whitelisted_by = $2 AND whitelisted_by_user IS NULL`,
    [govUser, agency],
  );

  for (const r of DEMO_ROADSHOWS) {
    const id = stableId(`roadshow:${r.key}`);
    const month = roadshowMonth(now, r.daysAgo);
    const created: unknown[] = await em.query(
      `INSERT INTO roadshows (id, chain_id, month, title, venue, note, region_code, organizer_id, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING id`,
      [
        id,
        stableId(`chain:${r.chain}`),
        month,
        r.title,
        r.venue,
        r.note,
        PROVINCE,
        agency,
        govUser,
        at(month, -10),
      ],
    );
    if (created.length === 0) continue;
    inserted += 1;
    for (const [firm, openNeeds, amount] of r.firms) {
      await em.query(
        `INSERT INTO roadshow_invitations (roadshow_id, org_id, kind, open_needs, open_need_amount, created_at)
         VALUES ($1, $2, 'firm', $3, $4, $5)`,
        [id, orgId('firm', firm), openNeeds, amount, at(month, -10)],
      );
      inserted += 1;
    }
    for (const [bank, lead, matched] of r.banks) {
      await em.query(
        `INSERT INTO roadshow_invitations (roadshow_id, org_id, kind, lead_bank, matched_firms, created_at)
         VALUES ($1, $2, 'bank', $3, $4, $5)`,
        [id, orgId('bank', bank), lead, matched, at(month, -10)],
      );
      inserted += 1;
    }
    for (const [i, [bank, firm, amount, note]] of r.intents.entries()) {
      await em.query(
        `INSERT INTO roadshow_intents (roadshow_id, firm_id, bank_id, amount, note, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          id,
          orgId('firm', firm),
          orgId('bank', bank),
          amount,
          note,
          userId(officer[bank]),
          at(month, 2 + i),
        ],
      );
      inserted += 1;
    }
  }
  return inserted;
}
