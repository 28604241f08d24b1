import { parentPort } from 'node:worker_threads';
import type { ProductColumns } from './compile-products';
import type { NeedColumns } from './pack-needs';
import {
  createProductHeaps,
  drainProductHeaps,
  rankRangeInto,
  type NeedTopBuffers,
  type ProductTopLists,
} from './rank-range';

// Entry point of a worker thread of the parallel runner. Needs and the firm's-view output
// live in SharedArrayBuffers, so a job message carries only views of them, the (small)
// compiled products and the range.

export type ShardJob = {
  id: number;
  needs: NeedColumns;
  products: ProductColumns;
  /** Threads claim chunks [c × chunk, (c + 1) × chunk) of [0, total) by Atomics.add on next[0]. */
  next: Int32Array;
  chunk: number;
  total: number;
  k: number;
  m: number;
  out: NeedTopBuffers;
};

export type ShardReply =
  | { id: number; ok: true; productTop: ProductTopLists; eligiblePairs: number }
  | { id: number; ok: false; error: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (job: ShardJob) => {
    try {
      const heaps = createProductHeaps(job.products.count, job.m);
      let eligiblePairs = 0;
      // Dynamic chunks: blocks of packed needs differ in cost, so fixed halves would idle a core.
      for (;;) {
        const start = Atomics.add(job.next, 0, 1) * job.chunk;
        if (start >= job.total) break;
        const end = Math.min(job.total, start + job.chunk);
        eligiblePairs += rankRangeInto(job.needs, job.products, start, end, job.k, heaps, job.out, 0);
      }
      const top = drainProductHeaps(heaps);
      const reply: ShardReply = { id: job.id, ok: true, productTop: top, eligiblePairs };
      port.postMessage(reply, [top.offsets.buffer, top.need.buffer, top.centipoints.buffer] as ArrayBuffer[]);
    } catch (err) {
      const reply: ShardReply = { id: job.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
      port.postMessage(reply);
    }
  });
}
