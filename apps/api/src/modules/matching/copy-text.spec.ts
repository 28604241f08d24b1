import { CopyLines, CopyText, uuidLiteral } from './copy-text';

const read = (text: string) => new CopyText(Buffer.from(text, 'utf8'));

describe('CopyText', () => {
  it('reads a row field by field: identifiers, numbers, nulls, booleans', () => {
    const t = read('3f1c7a2e-0000-4000-8000-000000000001\t-42\t\\N\t7\tt\tf\n');
    expect(t.ascii()).toBe('3f1c7a2e-0000-4000-8000-000000000001');
    expect(t.int()).toBe(-42);
    expect(t.nullableInt()).toBeNull();
    expect(t.nullableInt()).toBe(7);
    expect(t.bool()).toBe(true);
    expect(t.bool()).toBe(false);
    expect(t.done).toBe(true);
  });

  it('reads bigints beyond 32 bits and decimals exactly', () => {
    const t = read('9007199254740991\t57.31\t1e-7\n');
    expect(t.int()).toBe(9_007_199_254_740_991);
    expect(t.float()).toBe(57.31);
    expect(t.float()).toBe(1e-7);
  });

  it('undoes COPY escapes in free text, and leaves UTF-8 alone', () => {
    const t = read('链融\\t科技\\\\有限\\n公司\t{a,b}\t{}\n');
    expect(t.text()).toBe('链融\t科技\\有限\n公司');
    expect(t.asciiArray()).toEqual(['a', 'b']);
    expect(t.asciiArray()).toEqual([]);
  });
});

describe('uuidLiteral', () => {
  it('inlines a uuid and refuses anything else', () => {
    expect(uuidLiteral('3f1c7a2e-0000-4000-8000-000000000001')).toBe(
      "'3f1c7a2e-0000-4000-8000-000000000001'::uuid",
    );
    expect(uuidLiteral(null)).toBe('NULL');
    expect(() => uuidLiteral("x'; DROP TABLE matches; --")).toThrow('not a uuid');
  });
});

describe('CopyLines', () => {
  it('writes rows that CopyText reads back, across chunk boundaries', () => {
    const lines = new CopyLines();
    const id = '3f1c7a2e-0000-4000-8000-000000000001';
    // Enough rows to fill several 1 MiB chunks.
    for (let i = 0; i < 30_000; i++)
      lines
        .ascii(id)
        .centipoints(i % 10_001)
        .bool(i % 2 === 0)
        .null()
        .end();
    const t = new CopyText(Buffer.concat(lines.chunks()));
    let wrong = 0;
    for (let i = 0; i < 30_000; i++) {
      if (t.ascii() !== id) wrong++;
      if (Math.round(t.float() * 100) !== i % 10_001) wrong++;
      if (t.bool() !== (i % 2 === 0)) wrong++;
      if (t.nullableInt() !== null) wrong++;
    }
    expect(wrong).toBe(0);
    expect(t.done).toBe(true);
    expect(lines.rows).toBe(30_000);
  });

  it('prints a score as Postgres reads back the same double', () => {
    const lines = new CopyLines();
    lines.centipoints(5730).end();
    lines.centipoints(7).end();
    expect(Buffer.concat(lines.chunks()).toString()).toBe('57.30\n0.07\n');
    expect(Number('57.30')).toBe(5730 / 100);
  });
});
