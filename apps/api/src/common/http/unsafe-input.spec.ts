import { findUnsafeInput, MAX_INPUT_DEPTH } from './unsafe-input';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('findUnsafeInput', () => {
  it('passes ordinary bodies, Chinese text and nulls', () => {
    expect(
      findUnsafeInput({ name: '湖南博匠', financials: [{ year: 2024, note: null }], tags: ['a'] }),
    ).toBeNull();
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH))).toBeNull();
  });

  it('refuses nesting beyond the limit, without overflowing the stack itself', () => {
    expect(findUnsafeInput(nested(MAX_INPUT_DEPTH + 1))).toEqual({
      field: 'body',
      problem: `must not be nested deeper than ${MAX_INPUT_DEPTH} levels`,
    });
    expect(findUnsafeInput(JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toEqual(
      expect.objectContaining({ field: 'body' }),
    );
  });

  it('names the field that holds a NUL, however deep', () => {
    expect(findUnsafeInput({ note: 'a\u0000b' })).toEqual({
      field: 'note',
      problem: 'must not contain NUL characters',
    });
    expect(findUnsafeInput({ financials: [{ year: 1 }, { name: '\u0000' }] })).toEqual({
      field: 'financials.1.name',
      problem: 'must not contain NUL characters',
    });
    expect(findUnsafeInput({ 'a\u0000': 1 })?.problem).toBe('must not contain NUL characters');
    expect(findUnsafeInput('\u0000', 'query')?.field).toBe('query');
  });

  it.each(['__proto__', 'constructor'])('refuses a %s key like any unknown key', (key) => {
    expect(findUnsafeInput(JSON.parse(`{"amount": 1, "${key}": {"admin": true}}`))).toEqual({
      field: key,
      problem: 'is not allowed',
    });
    expect(findUnsafeInput(JSON.parse(`{"items": [{"${key}": 1}]}`))).toEqual({
      field: `items.0.${key}`,
      problem: 'is not allowed',
    });
  });

  it('names fields from the part of the body a route asked for', () => {
    expect(findUnsafeInput({ x: '\u0000' }, 'filter', 'filter')?.field).toBe('filter.x');
    expect(findUnsafeInput('\u0000', 'filter', 'filter')?.field).toBe('filter');
  });
});
