// Min-heaps over float64 keys with an int32 payload, laid out in flat typed arrays at a
// base offset, so thousands of bounded heaps (one per product) live in one allocation.
// The root is the weakest kept entry: a candidate enters only if it beats it.

export function heapPush(keys: Float64Array, ids: Int32Array, base: number, size: number, key: number, id: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[base + parent] <= key) break;
    keys[base + i] = keys[base + parent];
    ids[base + i] = ids[base + parent];
    i = parent;
  }
  keys[base + i] = key;
  ids[base + i] = id;
}

/** Puts (key, id) at the root of a heap of `size` entries and restores heap order. */
export function heapSiftDown(
  keys: Float64Array,
  ids: Int32Array,
  base: number,
  size: number,
  key: number,
  id: number,
): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && keys[base + r] < keys[base + l] ? r : l;
    if (keys[base + c] >= key) break;
    keys[base + i] = keys[base + c];
    ids[base + i] = ids[base + c];
    i = c;
  }
  keys[base + i] = key;
  ids[base + i] = id;
}

/**
 * Offers (key, id) to a heap bounded at `capacity`; returns the new size. A full heap
 * replaces its root only when the key beats it.
 */
export function heapOffer(
  keys: Float64Array,
  ids: Int32Array,
  base: number,
  size: number,
  capacity: number,
  key: number,
  id: number,
): number {
  if (size < capacity) {
    heapPush(keys, ids, base, size, key, id);
    return size + 1;
  }
  if (capacity === 0 || key <= keys[base]) return size;
  heapSiftDown(keys, ids, base, size, key, id);
  return size;
}

/** Empties a heap into `outKeys`/`outIds` at `outBase`, best (largest key) first. */
export function heapDrainDescending(
  keys: Float64Array,
  ids: Int32Array,
  base: number,
  size: number,
  outKeys: Float64Array,
  outIds: Int32Array,
  outBase: number,
): void {
  for (let s = size - 1; s >= 0; s--) {
    outKeys[outBase + s] = keys[base];
    outIds[outBase + s] = ids[base];
    heapSiftDown(keys, ids, base, s, keys[base + s], ids[base + s]);
  }
}
