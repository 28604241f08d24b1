import { describe, expect, it } from '@jest/globals';
import {
  CHAIN_ROLES,
  COLLATERALS,
  MATCH_STATUSES,
  NEED_STATUSES,
  ORG_KINDS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  PURPOSES,
  TIERS,
  USER_ROLES,
} from '@lianrong/matching/vocabulary';
import en from '../i18n/locales/en.json';
import zh from '../i18n/locales/zh-CN.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const zhKeys = flatten(zh as Tree);
const enKeys = flatten(en as Tree);

const enums: [string, readonly string[]][] = [
  ['enums.tier', TIERS],
  ['enums.purpose', PURPOSES],
  ['enums.collateral', COLLATERALS],
  ['enums.needStatus', NEED_STATUSES],
  ['enums.productStatus', PRODUCT_STATUSES],
  ['enums.productKind', PRODUCT_KINDS],
  ['enums.chainRole', CHAIN_ROLES],
  ['enums.matchStatus', MATCH_STATUSES],
  ['enums.orgKind', ORG_KINDS],
  ['role', USER_ROLES],
];

describe('labels', () => {
  it.each(enums)('%s has a label for every value in both languages', (prefix, values) => {
    for (const value of values) {
      expect(zhKeys.get(`${prefix}.${value}`)).toBeTruthy();
      expect(enKeys.get(`${prefix}.${value}`)).toBeTruthy();
    }
  });

  it('uses the official Chinese tier names', () => {
    expect(zhKeys.get('enums.tier.innovative')).toBe('创新型中小企业');
    expect(zhKeys.get('enums.tier.srdi')).toBe('专精特新中小企业');
    expect(zhKeys.get('enums.tier.little_giant')).toBe('专精特新“小巨人”');
    expect(zhKeys.get('enums.tier.champion')).toBe('制造业单项冠军');
  });

  it('has the same keys in Chinese and English', () => {
    expect([...enKeys.keys()].sort()).toEqual([...zhKeys.keys()].sort());
  });

  it('keeps interpolation placeholders in both languages', () => {
    for (const [key, zhText] of zhKeys) {
      const placeholders = (text: string) => (text.match(/{{\w+}}/g) ?? []).sort();
      expect({ key, vars: placeholders(enKeys.get(key) ?? '') }).toEqual({ key, vars: placeholders(zhText) });
    }
  });
});
