import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { NeedChangedJob } from './need-changed.job';

/** Firms re-ranked per transaction, so a large chain never holds one long write. */
const FIRMS_PER_SLICE = 200;

/**
 * `chain.changed`: the chain's lead bank changed. Only the chain's member firms score the
 * lead-bank bonus (libs/matching `isLeadBank`), so their needs are ranked again — the
 * firms' views and, incrementally, the officers' views — and nothing else is touched.
 */
@Injectable()
export class ChainChangedJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly needChanged: NeedChangedJob,
  ) {}

  async run(job: Job<{ entityId: string }>): Promise<{ firms: number; needs: number }> {
    const members: { firm_id: string }[] = await this.db.query(
      'SELECT firm_id FROM chain_members WHERE chain_id = $1 ORDER BY firm_id',
      [job.data.entityId],
    );
    const firmIds = members.map((m) => m.firm_id);
    let needs = 0;
    for (let i = 0; i < firmIds.length; i += FIRMS_PER_SLICE) {
      const slice = firmIds.slice(i, i + FIRMS_PER_SLICE);
      needs += (await this.needChanged.run({ kind: 'firms', firmIds: slice })).needs;
      await job.updateProgress(Math.round(((i + slice.length) / firmIds.length) * 100));
    }
    return { firms: firmIds.length, needs };
  }
}
