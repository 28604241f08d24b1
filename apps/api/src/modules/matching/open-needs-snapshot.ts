import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { needsVersion } from './matching-inputs';
import { type PackedOpenNeeds, loadPackedOpenNeeds, tierDay } from './open-needs-loader';

export type { PackedOpenNeeds } from './open-needs-loader';

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
    const key = `${await this.version()}/${tierDay(new Date())}`;
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
    // The key asked for, not the one read: a newer version read here is simply reloaded.
    return { ...(await loadPackedOpenNeeds(this.db)), key };
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
