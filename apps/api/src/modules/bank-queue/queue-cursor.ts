import { isUUID } from 'class-validator';
import { badRequest } from '../../common/http/api-error';

/** The two orders of the officer's queue: best score first, or longest waiting first. */
export const QUEUE_SORTS = ['score', 'waiting'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/**
 * Where a keyset page ends: the sort key of its last row (as Postgres printed it, so it
 * compares back exactly — a timestamp keeps its microseconds) and that row's id, which
 * breaks ties. Opaque to clients: base64url of a small JSON document.
 */
export interface QueueCursor {
  sort: QueueSort;
  key: string;
  id: string;
}

// A score is printed by float8::text; an application time by to_char in UTC with
// microseconds, or 'infinity' for a row that was never applied for (it sorts last).
const SCORE_KEY = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;
const WAITING_KEY = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|infinity)$/;

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

const invalid = () => badRequest('cursor', 'is not a cursor of this list: start again without it');

/**
 * Reads a cursor handed out by a previous page of the same sort. Anything else is a 400
 * naming the field, never a value that reaches SQL unchecked.
 */
export function decodeCursor(text: string, sort: QueueSort): QueueCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [cursorSort, key, id] = parsed as unknown[];
  if (cursorSort !== sort || typeof key !== 'string' || typeof id !== 'string' || !isUUID(id))
    throw invalid();
  const keyOk =
    sort === 'score'
      ? SCORE_KEY.test(key) && Number.isFinite(Number(key))
      : WAITING_KEY.test(key) && (key === 'infinity' || !Number.isNaN(Date.parse(key)));
  if (!keyOk) throw invalid();
  return { sort, key, id };
}
