// 国民经济行业分类 GB/T 4754-2017 (with amendment No. 1, 2019): sections 门类 C (manufacturing,
// divisions 13–43) and I (divisions 63–65) at all four levels. No maintained npm package
// carries the standard, so the codes and official names are shipped as data here. Keys are
// the section letter followed by the division, group and class digits (C, C39, C391, C3912).
import table from './gbt4754-2017.json';

export interface IndustryNode {
  code: string;
  name: string;
  children?: IndustryNode[];
}

const NAMES: Readonly<Record<string, string>> = table;

/** Names of a code and its ancestors, section first: C3912 → 制造业 / 计算机… / 计算机制造 / 计算机零部件制造. */
export function industryPath(code: string): string[] | undefined {
  if (!(code in NAMES)) return undefined;
  return [1, 3, 4, 5].filter((n) => n <= code.length).map((n) => NAMES[code.slice(0, n)]);
}

export function industryName(code: string): string | undefined {
  return NAMES[code];
}

/** A firm is classed at the finest level, the 小类: a letter and four digits. */
export function isIndustryClass(code: string): boolean {
  return /^[A-T][0-9]{4}$/.test(code) && code in NAMES;
}

/** The four levels as a tree, for pickers. */
export function industryTree(): IndustryNode[] {
  const roots: IndustryNode[] = [];
  const byCode = new Map<string, IndustryNode>();
  for (const [code, name] of Object.entries(NAMES)) {
    const node: IndustryNode = { code, name };
    byCode.set(code, node);
    const parentCode =
      code.length === 1 ? null : code.slice(0, code.length === 3 ? 1 : code.length - 1);
    const parent = parentCode === null ? undefined : byCode.get(parentCode);
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}
