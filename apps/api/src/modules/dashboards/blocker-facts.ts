import { createHash } from 'node:crypto';
import { needBlockers, type FailureCode, type NeedBlockers, type Tier } from '@lianrong/matching';
import { type EntityManager } from 'typeorm';
import { loadNeedEntries, loadProducts } from '../matching/matching-inputs';
import { OPEN_NEEDS_FOR_BLOCKERS, bind, factParams } from './dashboard-facts.sql';

/** Open needs read per step of the blockers pass: memory holds one step's firms. */
const BLOCKER_PAGE = 2_000;

type DimKey = string;
const dimKey = (chainId: string | null, region: string, tier: Tier) =>
  `${chainId ?? ''}|${region}|${tier}`;

/**
 * What blocks the open needs that hold no eligible match, judged by libs/matching against
 * every active product (needBlockers: the failure codes of the nearest products). Counted
 * per chain (and region-wide), county and tier. A need whose inputs (the need, its firm,
 * the active products) are those of its last verdict keeps that verdict (gov_need_verdicts);
 * returns how many needs were judged afresh.
 */
export async function writeBlockerFacts(
  em: EntityManager,
  now: Date,
  /** Called before each page; throws to stop the pass. */
  beforePage: () => Promise<void> = async () => undefined,
): Promise<number> {
  const params = factParams(now);
  const open = new Map<DimKey, number>();
  const openRows: { chain_id: string | null; region_code: string; tier: Tier; n: number }[] =
    await em.query(
      ...toArgs(
        bind(
          `WITH firm_dims AS (
             SELECT f.id AS firm_id, o.region_code,
                    (CASE WHEN f.tier_year >= :minTierYear THEN f.tier ELSE 'none' END)::firm_tier AS tier
               FROM firms f JOIN organizations o ON o.id = f.id
           ),
           firm_chains AS (
             SELECT firm_id, region_code, tier, NULL::uuid AS chain_id FROM firm_dims
             UNION ALL
             SELECT d.firm_id, d.region_code, d.tier, cm.chain_id FROM firm_dims d JOIN chain_members cm ON cm.firm_id = d.firm_id
           )
           SELECT fc.chain_id, fc.region_code, fc.tier, count(*)::int AS n
             FROM funding_needs n JOIN firm_chains fc ON fc.firm_id = n.firm_id
            WHERE n.status = 'open'
            GROUP BY fc.chain_id, fc.region_code, fc.tier`,
          { minTierYear: params.minTierYear },
        ),
      ),
    );
  for (const r of openRows) open.set(dimKey(r.chain_id, r.region_code, r.tier), r.n);

  const products = (await loadProducts(em)).filter((p) => p.status === 'active');
  const productsDigest = digest(JSON.stringify(products));
  const blocked = new Map<DimKey, { needs: number; oneRuleAway: number }>();
  const codes = new Map<DimKey, Map<FailureCode, number>>();
  let judged = 0;
  let after: string | null = null;
  // Verdicts of needs no longer waiting for a product are not kept.
  await em.query(
    `DELETE FROM gov_need_verdicts v USING funding_needs n WHERE n.id = v.need_id AND n.status <> 'open'`,
  );
  for (;;) {
    await beforePage();
    const page: { id: string; unmatched: boolean }[] = await em.query(
      ...toArgs(bind(OPEN_NEEDS_FOR_BLOCKERS, { after, limit: BLOCKER_PAGE })),
    );
    if (page.length === 0) break;
    after = page[page.length - 1].id;
    const ids = page.filter((r) => r.unmatched).map((r) => r.id);
    if (ids.length === 0) continue;
    const known = new Map(
      (
        (await em.query(
          `SELECT need_id, digest, eligible, fewest_failures, codes FROM gov_need_verdicts WHERE need_id = ANY($1::uuid[])`,
          [ids],
        )) as StoredVerdict[]
      ).map((v) => [v.need_id, v]),
    );
    const fresh: { needId: string; digest: string; verdict: NeedBlockers }[] = [];
    for (const { firm, need } of await loadNeedEntries(em, { kind: 'ids', ids })) {
      // Everything the rules read for this need, and the products it is judged against.
      const key = digest(productsDigest + JSON.stringify(firm) + JSON.stringify(need));
      const stored = known.get(need.id);
      let verdict: NeedBlockers;
      if (stored && stored.digest === key) {
        verdict = {
          eligible: stored.eligible,
          fewestFailures: stored.fewest_failures,
          codes: stored.codes,
        };
      } else {
        judged++;
        verdict = needBlockers(firm, need, products);
        fresh.push({ needId: need.id, digest: key, verdict });
      }
      // Eligible though no match is stored yet: the worker has not ranked it; not a blocker.
      if (verdict.eligible) continue;
      for (const chainId of [null, ...firm.chainIds]) {
        const key = dimKey(chainId, firm.regionCode, firm.tier);
        const b = blocked.get(key) ?? { needs: 0, oneRuleAway: 0 };
        b.needs++;
        if (verdict.fewestFailures === 1) b.oneRuleAway++;
        blocked.set(key, b);
        const byCode = codes.get(key) ?? new Map<FailureCode, number>();
        for (const code of verdict.codes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
        codes.set(key, byCode);
      }
    }
    if (fresh.length) {
      await em.query(
        `INSERT INTO gov_need_verdicts (need_id, digest, eligible, fewest_failures, codes)
         SELECT need_id, digest, eligible, fewest, COALESCE(string_to_array(NULLIF(codes, ''), ','), '{}')
           FROM unnest($1::uuid[], $2::char(40)[], $3::bool[], $4::smallint[], $5::text[])
                AS v(need_id, digest, eligible, fewest, codes)
         ON CONFLICT (need_id) DO UPDATE SET digest = EXCLUDED.digest, eligible = EXCLUDED.eligible,
           fewest_failures = EXCLUDED.fewest_failures, codes = EXCLUDED.codes`,
        [
          fresh.map((f) => f.needId),
          fresh.map((f) => f.digest),
          fresh.map((f) => f.verdict.eligible),
          fresh.map((f) => f.verdict.fewestFailures),
          fresh.map((f) => f.verdict.codes.join(',')),
        ],
      );
    }
  }

  await em.query(`DELETE FROM gov_fact_blocked`);
  await em.query(`DELETE FROM gov_fact_blocker_codes`);
  const keys = [...new Set([...open.keys(), ...blocked.keys()])];
  const split = (key: DimKey) => {
    const [chain, region, tier] = key.split('|');
    return { chain: chain || null, region, tier };
  };
  await em.query(
    `INSERT INTO gov_fact_blocked (chain_id, region_code, tier, open_needs, blocked_needs, one_rule_away)
     SELECT * FROM unnest($1::uuid[], $2::char(6)[], $3::firm_tier[], $4::int[], $5::int[], $6::int[])`,
    [
      keys.map((k) => split(k).chain),
      keys.map((k) => split(k).region),
      keys.map((k) => split(k).tier),
      keys.map((k) => open.get(k) ?? 0),
      keys.map((k) => blocked.get(k)?.needs ?? 0),
      keys.map((k) => blocked.get(k)?.oneRuleAway ?? 0),
    ],
  );
  const codeRows = [...codes.entries()].flatMap(([key, byCode]) =>
    [...byCode.entries()].map(([code, needs]) => ({ ...split(key), code, needs })),
  );
  await em.query(
    `INSERT INTO gov_fact_blocker_codes (chain_id, region_code, tier, code, needs)
     SELECT * FROM unnest($1::uuid[], $2::char(6)[], $3::firm_tier[], $4::varchar[], $5::int[])`,
    [
      codeRows.map((r) => r.chain),
      codeRows.map((r) => r.region),
      codeRows.map((r) => r.tier),
      codeRows.map((r) => r.code),
      codeRows.map((r) => r.needs),
    ],
  );
  return judged;
}

interface StoredVerdict {
  need_id: string;
  digest: string;
  eligible: boolean;
  fewest_failures: number | null;
  codes: FailureCode[];
}

const digest = (text: string) => createHash('sha1').update(text).digest('hex');

function toArgs(bound: { text: string; params: unknown[] }): [string, unknown[]] {
  return [bound.text, bound.params];
}
