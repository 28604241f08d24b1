import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { conflict } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../../outbox/outbox.service';
import { MatchReviewService, NEED_WITHDRAWN_NOTE } from '../matches/match-review.service';
import { LIVE_STATUSES } from '../matches/match-transitions';
import { type CreateNeedDto, type UpdateNeedDto } from './dtos/need.dto';
import { FundingNeed } from './funding-need.entity';

export type NeedView = Omit<FundingNeed, 'firm'>;

/** A row of the firm's list: the need and how many products its page shows. */
export type NeedListItemView = NeedView & { matchCount: number };

const view = ({ firm: _firm, ...need }: FundingNeed): NeedView => need;

@Injectable()
export class NeedsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly review: MatchReviewService,
  ) {}

  async create(actor: Actor, dto: CreateNeedDto): Promise<NeedView> {
    return this.db.transaction(async (em) => {
      const need = await em.save(
        em.create(FundingNeed, { ...dto, note: dto.note ?? null, firmId: actor.orgId }),
      );
      await this.outbox.record(em, 'need.changed', need.id);
      await this.audit.record(em, this.audit.auditActor(actor), 'need', need.id, 'need.created', {
        to: 'open',
      });
      return view(need);
    });
  }

  async list(actor: Actor): Promise<{ items: NeedListItemView[] }> {
    const qb = this.db
      .getRepository(FundingNeed)
      .createQueryBuilder('n')
      .orderBy('n.created_at', 'DESC')
      .limit(500);
    const needs = await this.scope.restrict(qb, 'need', 'n', actor).getMany();
    // Counted as GET /needs/:id/matches lists them: the kept top K and every worked match.
    const counts: { need_id: string; n: number }[] = needs.length
      ? await this.db.query(
          `SELECT need_id, count(*)::int AS n FROM matches
            WHERE need_id = ANY($1::uuid[]) AND (in_need_top OR status <> 'suggested') GROUP BY need_id`,
          [needs.map((n) => n.id)],
        )
      : [];
    const byNeed = new Map(counts.map((c) => [c.need_id, c.n]));
    return { items: needs.map((n) => ({ ...view(n), matchCount: byNeed.get(n.id) ?? 0 })) };
  }

  async get(actor: Actor, id: string): Promise<NeedView> {
    return view(await this.load(this.db.manager, actor, id));
  }

  /** Terms can change only while the need is open; a need in progress is under a bank's review. */
  async update(actor: Actor, id: string, dto: UpdateNeedDto): Promise<NeedView> {
    return this.db.transaction(async (em) => {
      const need = await this.load(em, actor, id, 'pessimistic_write');
      if (need.status !== 'open') throw conflict(`a ${need.status} need cannot be changed`);
      // A bank reviewing an application reads the need as it was applied for.
      const [live] = await em.query(
        'SELECT status FROM matches WHERE need_id = $1 AND status = ANY($2::match_status[]) LIMIT 1',
        [id, LIVE_STATUSES],
      );
      if (live) {
        throw conflict(
          'a need with a live application cannot be changed: withdraw the application first',
        );
      }
      Object.assign(need, dto);
      const saved = await em.save(need);
      await this.outbox.record(em, 'need.changed', id);
      await this.audit.record(em, this.audit.auditActor(actor), 'need', id, 'need.updated', {
        data: { ...dto },
      });
      return view(saved);
    });
  }

  /** A withdrawn need takes its live applications with it, each closed with an event. */
  async withdraw(actor: Actor, id: string): Promise<NeedView> {
    return this.db.transaction(async (em) => {
      // Not FOR UPDATE: the matching worker's inserts take FOR KEY SHARE on the need while
      // holding match rows this transaction is about to lock.
      const need = await this.load(em, actor, id, 'for_no_key_update');
      if (need.status === 'withdrawn' || need.status === 'fulfilled') {
        throw conflict(`a ${need.status} need cannot be withdrawn`);
      }
      const from = need.status;
      need.status = 'withdrawn';
      const saved = await em.save(need);
      await this.audit.record(em, this.audit.auditActor(actor), 'need', id, 'need.withdrawn', {
        from,
        to: 'withdrawn',
      });
      await this.review.closeLiveMatches(em, id, this.audit.auditActor(actor), NEED_WITHDRAWN_NOTE);
      await this.outbox.record(em, 'need.changed', id);
      return view(saved);
    });
  }

  private load(
    em: EntityManager,
    actor: Actor,
    id: string,
    lock?: 'pessimistic_write' | 'for_no_key_update',
  ): Promise<FundingNeed> {
    const qb = em.createQueryBuilder(FundingNeed, 'n').where('n.id = :id', { id });
    if (lock) qb.setLock(lock);
    return this.scope.findOneOr404(qb, 'need', 'n', actor, 'funding need');
  }
}
