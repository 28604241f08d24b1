import {
  type DataSource,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
} from 'typeorm';
import { User } from '../../modules/auth/user.entity';
import { PasswordService } from '../../modules/auth/password.service';
import { Chain } from '../../modules/chains/chain.entity';
import { FirmClaim } from '../../modules/claims/firm-claim.entity';
import { FinancialYear } from '../../modules/firms/financial-year.entity';
import { Firm } from '../../modules/firms/firm.entity';
import { SupplyLink } from '../../modules/supply-links/supply-link.entity';
import { FundingNeed } from '../../modules/needs/funding-need.entity';
import { Organization } from '../../modules/organizations/organization.entity';
import { LoanProduct } from '../../modules/products/loan-product.entity';
import {
  BANKS,
  CHAINS,
  CITY_AGENCY,
  DEMO_PASSWORD,
  type DemoFirm,
  FIRMS,
  type FinancialShape,
  GOV_AGENCY,
  NEEDS,
  PLATFORM,
  PRODUCTS,
  PROVINCE,
  SUPPLY_LINKS,
  USERS,
} from './demo-data';
import { seedDemoHistory } from './demo-history';
import { seedDemoRoadshows } from './demo-roadshows';
import { stableId } from './stable-id';
import { OutboxService } from '../../outbox/outbox.service';

const orgId = (kind: string, key: string) => stableId(`org:${kind}:${key}`);
const chainId = (key: string) => stableId(`chain:${key}`);

/** Whole-yuan accounts derived from revenue and a few ratios (illustrative). */
export function accounts(
  revenue: number,
  s: FinancialShape,
): Omit<FinancialYear, 'firmId' | 'year' | 'firm' | 'updatedAt'> {
  const r = (x: number) => Math.round(x);
  const costOfSales = r(revenue * 0.66);
  const totalAssets = r(revenue * 1.25);
  return {
    revenue,
    costOfSales,
    netProfit: r(revenue * s.margin),
    rdExpense: r(revenue * s.rd),
    totalAssets,
    totalLiabilities: r(totalAssets * s.debt),
    taxPaid: r(revenue * 0.045),
    employees: s.employees,
    rdStaff: r(s.employees * s.rdShare),
    inventionPatents: s.patents,
    accountsReceivable: r(revenue * 0.24),
    inventory: r(revenue * 0.14),
    accountsPayable: r(costOfSales * 0.18),
    prepayments: r(costOfSales * 0.02),
    advancesReceived: r(revenue * 0.03),
    ownWorkingCapital: r(revenue * 0.09),
    existingWorkingCapitalLoans: r(revenue * 0.04),
  };
}

/** INSERT … ON CONFLICT DO NOTHING: a second run changes nothing, and demo edits survive. */
async function insertMissing<T extends ObjectLiteral>(
  em: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await em
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(rows)
    .orIgnore()
    .returning('*')
    .execute();
  return result.raw.length as number;
}

export async function seedDemo(ds: DataSource): Promise<string> {
  const passwords = new PasswordService();
  return ds.transaction(async (em) => {
    let inserted = 0;
    const orgs: Partial<Organization>[] = [
      ...FIRMS.map((f) => ({
        id: orgId('firm', f.key),
        kind: 'firm' as const,
        name: f.name,
        regionCode: f.regionCode,
        uscc: f.uscc,
      })),
      ...BANKS.map((b) => ({
        id: orgId('bank', b.key),
        kind: 'bank' as const,
        name: b.name,
        regionCode: b.regionCode,
        uscc: null,
        approvalLimit: 'approvalLimit' in b ? b.approvalLimit : null,
      })),
      {
        id: orgId('gov', GOV_AGENCY.key),
        kind: 'gov_agency',
        name: GOV_AGENCY.name,
        regionCode: GOV_AGENCY.regionCode,
        uscc: null,
      },
      {
        id: orgId('gov', CITY_AGENCY.key),
        kind: 'gov_agency',
        name: CITY_AGENCY.name,
        regionCode: CITY_AGENCY.regionCode,
        uscc: null,
      },
      {
        id: orgId('platform', PLATFORM.key),
        kind: 'platform',
        name: PLATFORM.name,
        regionCode: PLATFORM.regionCode,
        uscc: null,
      },
    ];
    inserted += await insertMissing(em, Organization, orgs as Organization[]);
    await backfillApprovalLimits(em);

    inserted += await insertMissing(
      em,
      Firm,
      FIRMS.map(
        (f) =>
          ({
            id: orgId('firm', f.key),
            industryCode: f.industryCode,
            tier: f.tier,
            tierYear: f.tierYear,
            yearsInNiche: f.yearsInNiche,
            chainRole: f.chainRole,
            whitelisted: Boolean(f.whitelisted),
            whitelistReason: f.whitelisted ?? null,
            whitelistedBy: f.whitelisted ? orgId('gov', GOV_AGENCY.key) : null,
            whitelistedAt: f.whitelisted ? new Date('2024-06-30T02:00:00Z') : null,
          }) as Firm,
      ),
    );

    inserted += await insertMissing(
      em,
      FinancialYear,
      FIRMS.flatMap((f) =>
        f.financials.map(
          ([year, revenue, s]) =>
            ({ firmId: orgId('firm', f.key), year, ...accounts(revenue, s) }) as FinancialYear,
        ),
      ),
    );

    inserted += await insertMissing(
      em,
      Chain,
      CHAINS.map(
        (c) =>
          ({
            id: chainId(c.key),
            name: c.name,
            regionCode: PROVINCE,
            leadBankId: orgId('bank', c.leadBank),
          }) as Chain,
      ),
    );
    // Both join tables in one statement each: (chain, firm) pairs, existing ones kept.
    const pairs = (
      table: 'chain_members' | 'chain_core_enterprises',
      chainsOf: (f: DemoFirm) => string[],
    ) => {
      const rows = FIRMS.flatMap((f) => chainsOf(f).map((c) => [chainId(c), orgId('firm', f.key)]));
      return em.query(
        `WITH added AS (INSERT INTO ${table} (chain_id, firm_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])
                         ON CONFLICT DO NOTHING RETURNING 1)
         SELECT count(*)::int AS n FROM added`,
        [rows.map((r) => r[0]), rows.map((r) => r[1])],
      ) as Promise<{ n: number }[]>;
    };
    inserted += (await pairs('chain_members', (f) => f.chains))[0].n;
    inserted += (await pairs('chain_core_enterprises', (f) => f.coreOf ?? []))[0].n;

    inserted += await insertMissing(
      em,
      SupplyLink,
      SUPPLY_LINKS.map(
        (l) =>
          ({
            id: stableId(`supply-link:${l.key}`),
            supplierId: orgId('firm', l.supplier),
            coreFirmId: orgId('firm', l.core),
            annualSales: l.annualSales,
            status: l.confirmed ? 'confirmed' : 'pending',
            confirmedAt: l.confirmed ? new Date('2024-03-01T02:00:00Z') : null,
          }) as SupplyLink,
      ),
    );

    inserted += await insertMissing(
      em,
      LoanProduct,
      PRODUCTS.map(
        (p) =>
          ({
            id: stableId(`product:${p.key}`),
            bankId: orgId('bank', p.bank),
            name: p.name,
            description: p.description,
            kind: p.kind,
            status: 'active',
            amountMin: p.amount[0],
            amountMax: p.amount[1],
            termMin: p.term[0],
            termMax: p.term[1],
            rateMinBps: p.rateBps[0],
            rateMaxBps: p.rateBps[1],
            minTier: p.minTier,
            regions: p.regions,
            sectors: p.sectors ?? [],
            chainIds: (p.chains ?? []).map(chainId),
            minRevenue: p.minRevenue ?? null,
            minRdIntensityBps: p.minRdIntensityBps ?? null,
            maxDebtRatioBps: p.maxDebtRatioBps ?? null,
            minInventionPatents: p.minInventionPatents ?? null,
            minYearsInNiche: p.minYearsInNiche ?? null,
            requiresWhitelist: p.requiresWhitelist ?? false,
            collateralAccepted: p.collateralAccepted,
            coreEnterpriseIds: (p.coreEnterprises ?? []).map((k) => orgId('firm', k)),
            purposes: p.purposes,
            creditQuota: p.creditQuota ?? null,
          }) as LoanProduct,
      ),
    );

    inserted += await insertMissing(
      em,
      FundingNeed,
      NEEDS.map(
        ({ key, firm, ...n }) =>
          ({
            ...n,
            id: stableId(`need:${key}`),
            firmId: orgId('firm', firm),
            status: 'open',
          }) as FundingNeed,
      ),
    );

    const existing = new Set(
      (
        await em
          .getRepository(User)
          .createQueryBuilder('u')
          .select('lower(u.email)', 'email')
          .getRawMany<{ email: string }>()
      ).map((u) => u.email),
    );
    const missing = USERS.filter((u) => !existing.has(u.email));
    if (missing.length) {
      const passwordHash = await passwords.hash(DEMO_PASSWORD);
      inserted += await insertMissing(
        em,
        User,
        missing.map((u) => {
          const [kind, key] = u.org.split(':');
          return {
            id: stableId(`user:${u.email}`),
            email: u.email,
            displayName: u.displayName,
            role: u.role,
            organizationId: orgId(kind, key),
            passwordHash,
            disabledAt: null,
          } as User;
        }),
      );
    }
    inserted += await insertMissing(em, FirmClaim, confirmedClaims());
    inserted += await seedDemoHistory(em);
    inserted += await seedDemoRoadshows(em);
    if (inserted === 0) return 'already present, nothing changed';
    // New demo data gets matched by the worker as soon as it runs.
    await new OutboxService().record(em, 'rematch.all', null);
    return `${inserted} rows inserted; full rematch queued`;
  });
}

/**
 * Demo data seeded before banks had approval limits gets them too — unless an admin has
 * set the bank's limits since (that edit survives, even when it cleared the limit).
 */
async function backfillApprovalLimits(em: EntityManager): Promise<void> {
  const banks = BANKS.flatMap((b) =>
    'approvalLimit' in b ? [{ id: orgId('bank', b.key), limit: b.approvalLimit }] : [],
  );
  await em.query(
    `UPDATE organizations o SET approval_limit = b.approval
       FROM unnest($1::uuid[], $2::bigint[]) AS b(id, approval)
      WHERE o.id = b.id AND o.approval_limit IS NULL
        AND NOT EXISTS (SELECT 1 FROM audit_events a
                         WHERE a.entity_type = 'organization' AND a.entity_id = o.id
                           AND a.action = 'org.limits_updated')`,
    [banks.map((b) => b.id), banks.map((b) => b.limit)],
  );
}

/**
 * The demo firms' facts as claims the demo agency confirmed (illustrative certificate
 * numbers and dates), so every fact a rule reads has someone who vouched for it.
 */
function confirmedClaims(): FirmClaim[] {
  const agencyUser = stableId(`user:${USERS.find((u) => u.role === 'gov')?.email ?? ''}`);
  const decided = (key: string, day: string) =>
    ({
      id: stableId(`claim:${key}`),
      status: 'confirmed',
      decidedBy: agencyUser,
      decidedAt: new Date(`${day}T02:00:00Z`),
      createdAt: new Date(`${day}T01:00:00Z`),
    }) as const;
  return FIRMS.flatMap((f, i) => {
    const firmId = orgId('firm', f.key);
    const base = (kind: FirmClaim['kind'], suffix = '') => ({
      ...decided(`${f.key}:${kind}${suffix}`, '2024-06-28'),
      firmId,
      kind,
    });
    const claims: Partial<FirmClaim>[] = [
      { ...base('region'), regionCode: f.regionCode },
      { ...base('industry'), industryCode: f.industryCode },
      { ...base('years_in_niche'), yearsInNiche: f.yearsInNiche },
      ...[...new Set([...f.chains, ...(f.coreOf ?? [])])].map((chain) => ({
        ...base('chain', `:${chain}`),
        chainId: chainId(chain),
        chainRole: f.coreOf?.includes(chain) ? ('core' as const) : (f.chainRole ?? 'upstream'),
      })),
    ];
    if (f.tier !== 'none' && f.tierYear !== null) {
      claims.push({
        ...base('tier'),
        ...decided(`${f.key}:tier`, `${f.tierYear}-09-15`),
        tier: f.tier,
        tierYear: f.tierYear,
        certificateNo: `湘工信认〔${f.tierYear}〕第${String(101 + i).padStart(4, '0')}号`,
      });
    }
    return claims as FirmClaim[];
  });
}

export const demoIds = {
  orgId,
  chainId,
  productId: (key: string) => stableId(`product:${key}`),
  needId: (key: string) => stableId(`need:${key}`),
  roadshowId: (key: string) => stableId(`roadshow:${key}`),
};
