import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompiledProducts } from './compile-products';
import type { NeedColumns, PackedNeeds } from './pack-needs';
import { allocateNeedTop, type NeedTopBuffers, type ProductTopLists } from './rank-range';
import { DEFAULT_TOP_K, DEFAULT_TOP_M, mergeProductTops } from './shard-runner';
import type { ShardJob, ShardReply } from './shard-worker';

// Ranks one packed set on all cores: threads claim chunks (need ranges) from a shared
// counter. Needs and the firm's-view output are SharedArrayBuffers, so nothing large is
// copied; each thread returns its per-product best M and the main thread merges them.

export type ParallelOptions = { k?: number; m?: number };

// Enough chunks that threads finish together; few enough that claiming one is noise.
const CHUNKS_PER_THREAD = 32;

export type ParallelResult = {
  /** Firm's view for every packed need, slot n × k (base 0). */
  needTop: NeedTopBuffers;
  /** Officer's view over all needs, merged across threads. */
  productTop: ProductTopLists;
  eligiblePairs: number;
  threads: number;
};

export type PoolOptions = {
  /** Default: every core the OS reports. */
  threads?: number;
  /** A compiled `.js` worker for bundled deployments; default: shard-worker next to this file. */
  workerScript?: string;
};

function findUp(start: string, file: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, file);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

// A worker thread gets no loader from Jest, and swc-node's `-r` only if the parent was
// started with it; the bootstrap registers swc-node when `.ts` cannot be loaded yet.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
if (workerData.register && !require.extensions['.ts']) {
  if (workerData.tsProject) process.env.SWC_NODE_PROJECT = workerData.tsProject;
  require(workerData.register);
}
require(workerData.script);
`;

function startWorker(script: string): Worker {
  if (script.endsWith('.ts')) {
    const tsProject = process.env.SWC_NODE_PROJECT ?? findUp(__dirname, 'tsconfig.base.json');
    const register = require.resolve('@swc-node/register');
    return new Worker(BOOTSTRAP, { eval: true, workerData: { script, register, tsProject } });
  }
  return new Worker(script);
}

/** Copies columns into SharedArrayBuffers when they are not shared already. */
export function shareNeedColumns(columns: NeedColumns): NeedColumns {
  if (columns.flags.buffer instanceof SharedArrayBuffer) return columns;
  const shared: Record<string, unknown> = { count: columns.count };
  for (const [name, value] of Object.entries(columns)) {
    if (typeof value === 'number') continue;
    const src = value as Uint8Array | Int32Array | Float64Array;
    const Ctor = src.constructor as new (buffer: SharedArrayBuffer) => typeof src;
    const copy = new Ctor(new SharedArrayBuffer(src.byteLength));
    copy.set(src as never);
    shared[name] = copy;
  }
  return shared as NeedColumns;
}

type Pending = { resolve: (reply: ShardReply) => void; reject: (err: Error) => void };

/**
 * Long-lived worker threads; `run` ranks all packed needs on all of them. Close it when
 * done, or the process stays alive.
 */
export class MatchWorkerPool {
  readonly threads: number;
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(options: PoolOptions = {}) {
    this.threads = Math.max(1, options.threads ?? availableParallelism());
    const ext = path.extname(__filename);
    const script = options.workerScript ?? path.join(__dirname, `shard-worker${ext}`);
    this.workers = Array.from({ length: this.threads }, () => {
      const w = startWorker(script);
      w.on('message', (reply: ShardReply) => {
        const p = this.pending.get(reply.id);
        if (p === undefined) return;
        this.pending.delete(reply.id);
        p.resolve(reply);
      });
      w.on('error', (err) => this.failAll(err));
      return w;
    });
  }

  private failAll(err: Error): void {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private send(worker: Worker, job: Omit<ShardJob, 'id'>): Promise<ShardReply> {
    const id = this.nextId++;
    return new Promise<ShardReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...job, id });
    });
  }

  async run(needs: PackedNeeds, products: CompiledProducts, options: ParallelOptions = {}): Promise<ParallelResult> {
    const k = options.k ?? DEFAULT_TOP_K;
    const m = options.m ?? DEFAULT_TOP_M;
    const columns = shareNeedColumns(needs.columns);
    const N = columns.count;
    const needTop = allocateNeedTop(N, k, true);
    const next = new Int32Array(new SharedArrayBuffer(4));
    const chunk = Math.max(256, Math.ceil(N / (this.threads * CHUNKS_PER_THREAD)));
    const replies = await Promise.all(
      this.workers.map((w) =>
        this.send(w, { needs: columns, products: products.columns, next, chunk, total: N, k, m, out: needTop }),
      ),
    );
    const parts: ProductTopLists[] = [];
    let eligiblePairs = 0;
    for (const reply of replies) {
      if (!reply.ok) throw new Error(`matching worker failed: ${reply.error}`);
      parts.push(reply.productTop);
      eligiblePairs += reply.eligiblePairs;
    }
    return { needTop, productTop: mergeProductTops(needs, parts, m), eligiblePairs, threads: this.threads };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** One-shot: start a pool, rank everything, stop the pool. */
export async function rankAllParallel(
  needs: PackedNeeds,
  products: CompiledProducts,
  options: ParallelOptions & PoolOptions = {},
): Promise<ParallelResult> {
  const pool = new MatchWorkerPool(options);
  try {
    return await pool.run(needs, products, options);
  } finally {
    await pool.close();
  }
}
