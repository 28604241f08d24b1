import { NeedPacker, type PackedNeeds } from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { loadNeedEntries, needsVersion } from './matching-inputs';

export interface PackedOpenNeeds {
  key: string;
  needs: PackedNeeds;
  /** The firm of each packed need, as an index among `firmCount` distinct firms. */
  firmOf: Int32Array;
  firmCount: number;
  /** When the open needs were read. */
  readAt: Date;
}

/** A snapshot, and whether a newer one was still loading when it was handed out. */
export type OpenNeedsView = PackedOpenNeeds & { stale: boolean };

type Loading = { key: string; promise: Promise<PackedOpenNeeds> };

const sleep = (ms: number) => new Promise<undefined>((r) => setTimeout(() => r(undefined), ms));

/**
 * All open needs with their firms, packed for the batch engine, in the API process: what
 * a draft product is tried against. Kept packed only (typed arrays, not a million
 * objects) and reloaded when the needs' side changes (the outbox bumps `matching_data_seq`)
 * or the day turns (a tier certification may lapse overnight).
 *
 * Reading tens of thousands of needs takes seconds, and any firm's edit anywhere starts
 * a reload; an officer typing in the form should not wait for that. So a caller waits for
 * a reload at most DRY_RUN_FRESH_WAIT_MS, then gets the previous snapshot, marked stale —
 * except on the first load, when there is nothing else to give.
 */
@Injectable()
export class OpenNeedsSnapshot {
  private current?: PackedOpenNeeds;
  /** Concurrent callers of a stale snapshot share one load. */
  private loading?: Loading;
  private started = 0;
  private applied = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  async get(): Promise<OpenNeedsView> {
    const key = `${await this.version()}/${new Date().toISOString().slice(0, 10)}`;
    const current = this.current;
    if (current?.key === key) return { ...current, stale: false };
    const loading = this.startLoading(key);
    if (current === undefined) return { ...(await loading.promise), stale: false };
    const fresh = await Promise.race([loading.promise, sleep(this.config.DRY_RUN_FRESH_WAIT_MS)]);
    return fresh ? { ...fresh, stale: false } : { ...current, stale: true };
  }

  /** The needs' side version: matching_data_seq, bumped with every need or firm change. */
  protected version(): Promise<string> {
    return needsVersion(this.db.manager);
  }

  protected async load(key: string): Promise<PackedOpenNeeds> {
    const readAt = new Date();
    const entries = await loadNeedEntries(this.db.manager, { kind: 'open' });
    const packer = new NeedPacker(entries.length);
    const firmIndex = new Map<string, number>();
    const firmOfNeed = new Map<string, number>();
    for (const { firm, need } of entries) {
      packer.add(firm, need);
      let f = firmIndex.get(firm.id);
      if (f === undefined) {
        f = firmIndex.size;
        firmIndex.set(firm.id, f);
      }
      firmOfNeed.set(need.id, f);
    }
    const needs = packer.finish();
    const firmOf = Int32Array.from(needs.ids, (id) => firmOfNeed.get(id) as number);
    return { key, needs, firmOf, firmCount: firmIndex.size, readAt };
  }

  private startLoading(key: string): Loading {
    if (this.loading?.key === key) return this.loading;
    const generation = ++this.started;
    const loading: Loading = {
      key,
      promise: this.load(key)
        .then((loaded) => {
          // A slower load of an older version never replaces a newer one.
          if (generation > this.applied) {
            this.applied = generation;
            this.current = loaded;
          }
          return loaded;
        })
        .finally(() => {
          if (this.loading === loading) this.loading = undefined;
        }),
    };
    // A caller that took the stale snapshot no longer awaits this load; its failure is
    // then no crash, and the next call starts a new one.
    loading.promise.catch(() => undefined);
    this.loading = loading;
    return loading;
  }
}
