import {
  AscendingIds,
  CURRENT,
  IN_NEED_TOP,
  IN_PRODUCT_TOP,
  StoredRows,
  WORKED,
} from './view-sync';

const NEED = '00000002-0000-4000-8000-000000000001';
const PRODUCT = '00000003-0000-4000-8000-0000000000c9';
const bytes = (id: string) => Buffer.from(id, 'latin1');

describe('StoredRows', () => {
  // The stored read prints scores as Postgres does (shortest exact form) and the state bits.
  const rows = (...lines: string[]) => new StoredRows(Buffer.from(lines.join(''), 'latin1'));

  it('turns printed scores back into the centipoints the engine ranks by', () => {
    const r = rows(
      `${NEED}\t${PRODUCT}\t57.31\t9\n`,
      `${NEED}\t${PRODUCT}\t57.3\t9\n`,
      `${NEED}\t${PRODUCT}\t57\t9\n`,
      `${NEED}\t${PRODUCT}\t0.07\t9\n`,
      `${NEED}\t${PRODUCT}\t100\t9\n`,
    );
    const seen: number[] = [];
    for (; !r.done; r.next()) seen.push(r.centipoints);
    expect(seen).toEqual([5731, 5730, 5700, 7, 10_000]);
  });

  it('treats a missing score, or one finer than a centipoint, as one to rewrite', () => {
    const r = rows(`${NEED}\t${PRODUCT}\t\\N\t4\n`, `${NEED}\t${PRODUCT}\t57.315\t9\n`);
    expect(r.centipoints).toBeNaN();
    expect(r.state).toBe(WORKED);
    r.next();
    expect(r.centipoints).toBeNaN();
    r.next();
    expect(r.done).toBe(true);
  });

  it('compares ids as bytes in uuid order and gives them out as strings', () => {
    const r = rows(`${NEED}\t${PRODUCT}\t1\t${IN_NEED_TOP | IN_PRODUCT_TOP | CURRENT}\n`);
    expect(r.compareNeed(NEED)).toBe(0);
    expect(r.compareNeed('00000002-0000-4000-8000-000000000002')).toBeLessThan(0);
    expect(r.compareProduct(bytes('00000003-0000-4000-8000-0000000000c8'))).toBeGreaterThan(0);
    expect([r.needId(), r.productId(), r.state]).toEqual([NEED, PRODUCT, 11]);
  });
});

describe('AscendingIds', () => {
  it('issues valid version-7 uuids that ascend, many within one millisecond', () => {
    const ids = new AscendingIds();
    const issued = Array.from({ length: 10_000 }, () => ids.next());
    for (const id of issued)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...issued].sort()).toEqual(issued);
    expect(new Set(issued).size).toBe(issued.length);
  });

  it('writes them as bytes in place, in the same sequence as the strings', () => {
    const ids = new AscendingIds();
    const target = Buffer.alloc(40);
    const issued = Array.from({ length: 10_000 }, (_, i) => {
      if (i % 2 === 0) return ids.next();
      ids.writeNext(target, 2);
      return target.toString('latin1', 2, 38);
    });
    for (const id of issued)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...issued].sort()).toEqual(issued);
    expect(new Set(issued).size).toBe(issued.length);
    expect(new Set(issued.map((id) => id.slice(24))).size).toBe(1);
    // Nothing written outside its 36 bytes.
    expect([...target.subarray(0, 2), ...target.subarray(38)]).toEqual([0, 0, 0, 0]);
  });

  it('gives each process its own suffix, so two workers never issue the same id', () => {
    const a = new AscendingIds().next();
    const b = new AscendingIds().next();
    expect(a.slice(24)).not.toBe(b.slice(24));
  });
});
