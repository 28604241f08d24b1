import { NeedPacker, type PackedNeeds } from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { loadNeedEntries, needsVersion } from './matching-inputs';

export interface PackedOpenNeeds {
  key: string;
  needs: PackedNeeds;
  /** The firm of each packed need, as an index among `firmCount` distinct firms. */
  firmOf: Int32Array;
  firmCount: number;
}

/**
 * All open needs with their firms, packed for the batch engine, in the API process: what
 * a draft product is tried against. Kept packed only (typed arrays, not a million
 * objects) and reloaded when the needs' side changes (the outbox bumps `matching_data_seq`)
 * or the day turns (a tier certification may lapse overnight).
 */
@Injectable()
export class OpenNeedsSnapshot {
  private current?: PackedOpenNeeds;
  /** Concurrent callers of a stale snapshot share one load. */
  private loading?: { key: string; promise: Promise<PackedOpenNeeds> };
  private started = 0;
  private applied = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(): Promise<PackedOpenNeeds> {
    const key = `${await needsVersion(this.db.manager)}/${new Date().toISOString().slice(0, 10)}`;
    if (this.current?.key === key) return this.current;
    let loading = this.loading;
    if (loading === undefined || loading.key !== key) {
      const generation = ++this.started;
      const started: { key: string; promise: Promise<PackedOpenNeeds> } = {
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
            if (this.loading === started) this.loading = undefined;
          }),
      };
      this.loading = loading = started;
    }
    return loading.promise;
  }

  private async load(key: string): Promise<PackedOpenNeeds> {
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
    return { key, needs, firmOf, firmCount: firmIndex.size };
  }
}
