import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config';
import { type ShardBounds, yieldToEventLoop } from '../fan-out';
import { MatchingCache, idRange } from '../matching-cache.service';
import {
  type SyncResult,
  addSyncResults,
  changedSince,
  emptySyncResult,
  syncNeedRange,
} from '../view-sync';

const memoryMb = () => {
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
  return { rss: mb(m.rss), heap: mb(m.heapUsed), arrays: mb(m.arrayBuffers) };
};

/** What a shard of a full rematch did, and where its time went. */
export interface RematchShardResult extends SyncResult {
  /** Open needs of the shard in the ranking. */
  needs: number;
  /** This worker process: a shard's load and rank times are its process's, shared by its shards. */
  worker: string;
  ranking: string;
  /** Waiting for the worker's ranking (loading and ranking, or another shard doing so). */
  waitMs: number;
  /** The ranking's own costs, once per worker and version, and when it was ready. */
  loadMs: number;
  rankMs: number;
  rankedAt: number;
  /** The worker's memory as the shard ends, in MB: resident, JS heap, typed arrays. */
  memoryMb: { rss: number; heap: number; arrays: number };
}

/**
 * `rematch.needs`: one shard of a full rematch, a range of needs by id. Both views' rows
 * of those needs — their firms' views and the officer's-view rows that fall on them —
 * are made equal to the worker's full ranking, slice by slice, each slice one short
 * transaction. Shards of one run never share a row, so two workers never wait for each
 * other on a rematch.
 */
@Injectable()
export class RematchNeedsJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: MatchingCache,
    private readonly config: AppConfig,
  ) {}

  async run(data: { run: string } & ShardBounds): Promise<RematchShardResult> {
    const started = performance.now();
    const ranking = await this.cache.ranking();
    const waitMs = performance.now() - started;
    const { open } = ranking;
    const { start, end } = idRange(open, data.lo, data.hi);
    const step = this.config.MATCH_BACKGROUND_SLICE;
    const changed = await changedSince(this.db, ranking, data.lo, data.hi);
    let total = emptySyncResult();
    // Slices cover the shard's whole id range, gaps between open needs included.
    for (let at = start; at < end || at === start; at += step) {
      const to = Math.min(end, at + step);
      const lo = at === start ? data.lo : open.needs.ids[open.byId[at]];
      const hi = to >= end ? data.hi : open.needs.ids[open.byId[to]];
      total = addSyncResults(
        total,
        await syncNeedRange(this.db, ranking, { start: at, end: to, lo, hi }, changed),
      );
      await yieldToEventLoop();
      if (to >= end) break;
    }
    return {
      ...total,
      needs: end - start,
      worker: `${hostname()}:${process.pid}`,
      ranking: ranking.key,
      waitMs: Math.round(waitMs),
      loadMs: Math.round(open.loadMs),
      rankMs: Math.round(ranking.rankMs),
      rankedAt: ranking.rankedAt,
      memoryMb: memoryMb(),
    };
  }
}
