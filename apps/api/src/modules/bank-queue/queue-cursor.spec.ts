import { randomUUID } from 'node:crypto';
import { ApiException } from '../../common/http/api-error';
import { decodeCursor, encodeCursor } from './queue-cursor';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiException ? e.getResponse() : e;
  }
  return 'accepted';
};

describe('queue cursor', () => {
  const id = randomUUID();

  it('hands back exactly what it was given, for both orders', () => {
    for (const cursor of [
      { sort: 'score' as const, key: '87.4561234567891', id },
      { sort: 'score' as const, key: '-1', id },
      { sort: 'waiting' as const, key: '2026-11-20T02:03:04.123456Z', id },
      { sort: 'waiting' as const, key: 'infinity', id },
    ])
      expect(decodeCursor(encodeCursor(cursor), cursor.sort)).toEqual(cursor);
  });

  it('is opaque text that survives a query string', () => {
    expect(encodeCursor({ sort: 'score', key: '50', id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses, naming the field, a cursor of the other order, a forged key or id, or garbage', () => {
    const waiting = encodeCursor({ sort: 'waiting', key: 'infinity', id });
    const forged = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const [text, sort] of [
      [waiting, 'score'],
      [forged(['score', '1; DROP TABLE matches', id]), 'score'],
      [forged(['waiting', '2026-13-45 99:00', id]), 'waiting'],
      [forged(['score', 'NaN', id]), 'score'],
      [forged(['score', '50', 'not-a-uuid']), 'score'],
      [forged({ sort: 'score' }), 'score'],
      ['%%%', 'score'],
      ['', 'score'],
    ] as const) {
      expect(refusal(() => decodeCursor(text, sort))).toMatchObject({
        statusCode: 400,
        details: [{ field: 'cursor', problem: expect.any(String) }],
      });
    }
  });
});
