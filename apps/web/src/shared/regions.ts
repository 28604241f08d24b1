import type { Lang } from './format';

// GB/T 2260 names for Hunan, where the demo data lives, plus the provinces and cities
// where national banks (微众银行 in Shenzhen) are registered. Other codes fall back to
// the code itself rather than pulling the national table into the bundle.
const REGIONS: Record<string, [zh: string, en: string]> = {
  '110000': ['北京市', 'Beijing'],
  '310000': ['上海市', 'Shanghai'],
  '440000': ['广东省', 'Guangdong'],
  '440300': ['深圳市', 'Shenzhen'],
  '430000': ['湖南省', 'Hunan'],
  '430100': ['长沙市', 'Changsha'],
  '430200': ['株洲市', 'Zhuzhou'],
  '430300': ['湘潭市', 'Xiangtan'],
  '430400': ['衡阳市', 'Hengyang'],
  '430500': ['邵阳市', 'Shaoyang'],
  '430600': ['岳阳市', 'Yueyang'],
  '430700': ['常德市', 'Changde'],
  '430800': ['张家界市', 'Zhangjiajie'],
  '430900': ['益阳市', 'Yiyang'],
  '431000': ['郴州市', 'Chenzhou'],
  '431100': ['永州市', 'Yongzhou'],
  '431200': ['怀化市', 'Huaihua'],
  '431300': ['娄底市', 'Loudi'],
  '433100': ['湘西土家族苗族自治州', 'Xiangxi'],
};

export function regionName(code: string | null | undefined, lang: Lang): string {
  if (!code) return '—';
  // District codes (430104) show their city; city codes their province.
  const exact = REGIONS[code] ?? REGIONS[`${code.slice(0, 4)}00`] ?? REGIONS[`${code.slice(0, 2)}0000`];
  if (!exact) return code;
  const name = lang === 'en' ? exact[1] : exact[0];
  return REGIONS[code] ? name : `${name} (${code})`;
}

/** A province and the divisions named within it, province first: the choices of a region filter. */
export function regionChoices(province: string, lang: Lang): { value: string; label: string }[] {
  const prefix = province.slice(0, 2);
  return Object.keys(REGIONS)
    .filter((code) => code.startsWith(prefix))
    .sort()
    .map((code) => ({ value: code, label: regionName(code, lang) }));
}
