import { TIERS, type Tier } from '@lianrong/matching';
import { compileProducts, rankProductAgainstNeeds } from '@lianrong/matching/batch';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { productInputOf } from '../matching/matching-inputs';
import { OpenNeedsSnapshot } from '../matching/open-needs-snapshot';
import { type CreateProductDto } from './dtos/product.dto';
import { assertConsistent, draftProduct } from './products.service';

export interface ProductDryRunView {
  /** Open needs on the platform now: what the draft was tried against. */
  openNeeds: number;
  /** Open needs the draft is eligible for: what the worker would rank for it once published. */
  eligibleNeeds: number;
  /** Distinct firms behind those needs. */
  eligibleFirms: number;
  /** Eligible needs by their firm's tier (as matching counts it: a lapsed certification is none). */
  byTier: Record<Tier, number>;
  /** When the open needs tried were read: a read still under way after a change is not waited for long. */
  needsAsOf: Date;
}

// Compiled under an id no stored product has; the draft never meets the stored ones.
const DRAFT_ID = '00000000-0000-4000-8000-000000000000';

/**
 * 预计可触达: a draft product run through the batch engine against every open need, the
 * rules being the library's alone. Nothing is written and no job is queued. The draft is
 * tried as published whatever its status says: the officer asks what publishing would reach.
 */
@Injectable()
export class ProductDryRunService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly openNeeds: OpenNeedsSnapshot,
  ) {}

  async run(actor: Actor, dto: CreateProductDto): Promise<ProductDryRunView> {
    const draft = draftProduct(this.db.manager, actor, dto);
    await assertConsistent(this.db.manager, draft);
    const snapshot = await this.openNeeds.get();
    const { needs } = snapshot;
    const product = { ...productInputOf(draft), id: DRAFT_ID, status: 'active' as const };
    // No lead-bank context: it moves scores, never eligibility.
    const compiled = compileProducts([product], needs);
    // Every eligible need kept (m = all), so firms and tiers can be counted.
    const ranking = rankProductAgainstNeeds(needs, compiled, DRAFT_ID, needs.columns.count);
    const byTier = Object.fromEntries(TIERS.map((t) => [t, 0])) as Record<Tier, number>;
    const firmSeen = new Uint8Array(snapshot.firmCount);
    let eligibleFirms = 0;
    for (const n of ranking.need) {
      byTier[TIERS[needs.columns.tier[n]]]++;
      const f = snapshot.firmOf[n];
      if (firmSeen[f] === 0) {
        firmSeen[f] = 1;
        eligibleFirms++;
      }
    }
    return {
      openNeeds: needs.columns.count,
      eligibleNeeds: ranking.eligible,
      eligibleFirms,
      byTier,
      needsAsOf: snapshot.readAt,
    };
  }
}
