import { isValidUscc } from '../../common/uscc';
import {
  SYNTHETIC_CHAINS,
  SYNTHETIC_CORE_COUNT,
  syntheticNeedEntries,
  syntheticProducts,
} from '@lianrong/matching/testing';
import { firmsForOpenNeeds } from './load-synthetic';
import {
  COLUMNS,
  arrayLiteral,
  bankRows,
  chainRows,
  chainUuid,
  copyRow,
  copySql,
  coreChainIndex,
  coreRows,
  escapeCopyText,
  financialRow,
  firmRow,
  needRow,
  organizationRow,
  productRow,
  supplyLinkRows,
  syntheticIndex,
  syntheticUscc,
} from './synthetic-rows';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const cells = (line: string) => line.replace(/\n$/, '').split('\t');
const firstEntries = (n: number) => [...syntheticNeedEntries(7, n)];

describe('COPY text formatting', () => {
  it('escapes the four characters COPY treats specially, and nothing else', () => {
    expect(escapeCopyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(escapeCopyText('湖南博匠 "信息", {科技}')).toBe('湖南博匠 "信息", {科技}');
  });

  it('writes NULL as \\N, booleans as t/f, integers plainly, one tab-separated line', () => {
    expect(copyRow(['x', null, true, false, -12, 0])).toBe('x\t\\N\tt\tf\t-12\t0\n');
  });

  it('refuses a non-integer number (money and counts are whole)', () => {
    expect(() => copyRow([1.5])).toThrow(/not an integer/);
    expect(() => copyRow([Number.NaN])).toThrow(/not an integer/);
  });

  it('writes array literals, quoting only elements the array syntax needs quoted', () => {
    expect(arrayLiteral([])).toBe('{}');
    expect(arrayLiteral(['43', 'C34'])).toBe('{43,C34}');
    expect(arrayLiteral(['a,b', 'NULL', '', 'q"\\'])).toBe('{"a,b","NULL","","q\\"\\\\"}');
    // Inside a COPY line the array literal's backslashes are escaped once more.
    expect(copyRow([['q\\']])).toBe('{"q\\\\\\\\"}\n');
  });

  it('matches each row to its COPY column list', () => {
    const [{ firm, need }] = firstEntries(1);
    const withFinancials = firstEntries(50).find((e) => e.firm.financials.length > 0);
    expect(cells(organizationRow(firm))).toHaveLength(COLUMNS.organizations.length);
    expect(cells(firmRow(firm))).toHaveLength(COLUMNS.firms.length);
    expect(cells(needRow(firm.id, need))).toHaveLength(COLUMNS.funding_needs.length);
    expect(
      cells(financialRow(firm.id, (withFinancials ?? firstEntries(1)[0]).firm.financials[0])),
    ).toHaveLength(COLUMNS.financial_years.length);
    expect(cells(productRow(syntheticProducts(7, 1)[0]))).toHaveLength(
      COLUMNS.loan_products.length,
    );
    expect(cells(bankRows()[0])).toHaveLength(COLUMNS.organizations.length);
    expect(cells(chainRows()[0])).toHaveLength(COLUMNS.chains.length);
    expect(copySql('chain_members')).toBe('COPY chain_members (chain_id, firm_id) FROM STDIN');
  });
});

describe('ids and chains', () => {
  it('maps every synthetic chain key to a distinct uuid, and rejects unknown keys', () => {
    const ids = SYNTHETIC_CHAINS.map(chainUuid);
    expect(new Set(ids).size).toBe(SYNTHETIC_CHAINS.length);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(() => chainUuid('no_such_chain')).toThrow(/unknown synthetic chain/);
  });

  it('puts 链主 0 and 1 on rail transit and two 链主 on every chain', () => {
    expect(SYNTHETIC_CHAINS[coreChainIndex(0)]).toBe('rail_transit');
    expect(SYNTHETIC_CHAINS[coreChainIndex(1)]).toBe('rail_transit');
    const perChain = new Map<number, number>();
    for (let i = 0; i < SYNTHETIC_CORE_COUNT; i++) {
      perChain.set(coreChainIndex(i), (perChain.get(coreChainIndex(i)) ?? 0) + 1);
    }
    expect([...perChain.values()].every((n) => n === 2)).toBe(true);
    expect(perChain.size).toBe(SYNTHETIC_CHAINS.length);
  });

  it('writes chain memberships and product chains as uuids, product ratios as bps', () => {
    const member = firstEntries(200).find((e) => e.firm.chainIds.length > 0);
    expect(member).toBeDefined();
    const product = syntheticProducts(7, 400).find(
      (p) => p.chains.length > 0 && p.minRdIntensity !== null && p.maxDebtRatio !== null,
    );
    expect(product).toBeDefined();
    if (!member || !product) return;
    const row = cells(productRow(product));
    const col = (name: (typeof COLUMNS.loan_products)[number]) =>
      row[COLUMNS.loan_products.indexOf(name)];
    expect(col('chain_ids')).toBe(`{${product.chains.map(chainUuid).join(',')}}`);
    expect(Number(col('min_rd_intensity_bps'))).toBe(
      Math.round((product.minRdIntensity ?? 0) * 10_000),
    );
    expect(Number(col('max_debt_ratio_bps'))).toBe(
      Math.round((product.maxDebtRatio ?? 0) * 10_000),
    );
  });

  it('numbers supply links from the running index and points them at 链主 firms', () => {
    const supplier = firstEntries(200).find((e) => e.firm.supplierOf.length > 0);
    expect(supplier).toBeDefined();
    if (!supplier) return;
    const rows = supplyLinkRows(supplier.firm, 41).map(cells);
    expect(rows.map((r) => syntheticIndex(r[0]))).toEqual(rows.map((_, j) => 41 + j));
    expect(rows.map((r) => r[2])).toEqual(supplier.firm.supplierOf);
    for (const r of rows) expect(Number(r[3])).toBeGreaterThan(0);
  });

  it('gives the 链主 organisations, firms, financials and chain seats', () => {
    const core = coreRows();
    expect(core.organizations).toHaveLength(SYNTHETIC_CORE_COUNT);
    expect(core.chain_core_enterprises).toHaveLength(SYNTHETIC_CORE_COUNT);
    expect(core.financial_years).toHaveLength(2 * SYNTHETIC_CORE_COUNT);
  });
});

describe('generated firms', () => {
  it('carry valid, distinct USCCs and six-digit region codes', () => {
    const seen = new Set<string>();
    let firmId = '';
    for (const { firm } of firstEntries(3_000)) {
      if (firm.id === firmId) continue;
      firmId = firm.id;
      const [, , , region, uscc] = cells(organizationRow(firm));
      expect(region).toMatch(/^[0-9]{6}$/);
      expect(isValidUscc(uscc)).toBe(true);
      expect(uscc.slice(2, 8)).toBe(region);
      seen.add(uscc);
    }
    for (const row of [...bankRows(), ...(coreRows().organizations ?? [])]) {
      const uscc = cells(row)[4];
      expect(isValidUscc(uscc)).toBe(true);
      seen.add(uscc);
    }
    expect(seen.size).toBeGreaterThan(1_000);
  });

  it('never repeats a USCC across kinds or indexes, up to the largest index', () => {
    expect(syntheticUscc('Y', 0, '430100')).not.toBe(syntheticUscc('X', 0, '430100'));
    expect(syntheticUscc('Y', 1, '430100')).not.toBe(syntheticUscc('Y', 31, '430100'));
    expect(isValidUscc(syntheticUscc('Y', 31 ** 7 - 1, '430100'))).toBe(true);
    expect(() => syntheticUscc('Y', 31 ** 7, '430100')).toThrow(/too large/);
  });

  it('keep R&D staff within head count in their financial rows', () => {
    for (const { firm } of firstEntries(500)) {
      for (const y of firm.financials) {
        const c = cells(financialRow(firm.id, y));
        const employees = Number(c[COLUMNS.financial_years.indexOf('employees')]);
        const rdStaff = Number(c[COLUMNS.financial_years.indexOf('rd_staff')]);
        expect(rdStaff).toBeGreaterThanOrEqual(0);
        expect(rdStaff).toBeLessThanOrEqual(employees);
      }
    }
  });

  it('finds the firm count that yields a number of open needs', () => {
    const firms = firmsForOpenNeeds(7, 1_000);
    let open = 0;
    const firmIds = new Set<string>();
    for (const { firm, need } of syntheticNeedEntries(7, 5_000)) {
      if (firmIds.size === firms && !firmIds.has(firm.id)) break;
      firmIds.add(firm.id);
      if (need.status === 'open') open++;
    }
    expect(open).toBeGreaterThanOrEqual(1_000);
    expect(open).toBeLessThan(1_004);
  });
});
