import { type ErrorDetail } from './api-error';

/** Deeper than any DTO of the API (the deepest, financials in a list, is 3). */
export const MAX_INPUT_DEPTH = 32;

/**
 * Keys that class-transformer drops without a word (so the unknown-key rule never sees
 * them) and that would touch the prototype chain if anything ever copied them onto an
 * object.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor']);

const pathOf = (parent: string, key: string) => (parent ? `${parent}.${key}` : key);

/**
 * The first thing in a parsed body or query that must be refused before any transform:
 * nesting deeper than MAX_INPUT_DEPTH (class-transformer recurses and would overflow the
 * stack), a NUL character (PostgreSQL refuses it in text), a prototype key. Walks with
 * an explicit stack, so the input's depth cannot overflow the walk itself.
 */
export function findUnsafeInput(input: unknown, root = 'body', prefix = ''): ErrorDetail | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value: input, path: prefix, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as (typeof stack)[number];
    if (typeof value === 'string') {
      if (value.includes('\u0000'))
        return { field: path || root, problem: 'must not contain NUL characters' };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return { field: root, problem: `must not be nested deeper than ${MAX_INPUT_DEPTH} levels` };
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [String(index), item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
    // Reversed so that, popped, the first field is reported first.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i];
      const field = pathOf(path, key);
      if (!Array.isArray(value)) {
        if (PROTOTYPE_KEYS.has(key)) return { field, problem: 'is not allowed' };
        if (key.includes('\u0000')) return { field, problem: 'must not contain NUL characters' };
      }
      stack.push({ value: item, path: field, depth: depth + 1 });
    }
  }
  return null;
}
