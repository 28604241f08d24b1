import { describe, expect, it } from '@jest/globals';
import { regionName } from './regions';

describe('regionName', () => {
  it('names cities and provinces in both languages', () => {
    expect(regionName('430100', 'zh-CN')).toBe('长沙市');
    expect(regionName('430100', 'en')).toBe('Changsha');
    expect(regionName('430000', 'zh-CN')).toBe('湖南省');
  });

  it('names a district by its city and keeps the code', () => {
    expect(regionName('430104', 'zh-CN')).toBe('长沙市 (430104)');
    expect(regionName('430211', 'en')).toBe('Zhuzhou (430211)');
  });

  it('falls back to the code or a dash', () => {
    expect(regionName('510100', 'zh-CN')).toBe('510100');
    expect(regionName(null, 'zh-CN')).toBe('—');
  });
});
