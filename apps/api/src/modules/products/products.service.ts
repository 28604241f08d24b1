import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { badRequest } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../../outbox/outbox.service';
import { Chain } from '../chains/chain.entity';
import { Firm } from '../firms/firm.entity';
import { type CreateProductDto, type UpdateProductDto } from './dtos/product.dto';
import { LoanProduct } from './loan-product.entity';

export type ProductView = Omit<LoanProduct, 'bank'>;

/** A write also answers with the re-ranking job it started, for the bank to follow. */
export type ProductWriteView = ProductView & { matchingJobId: string };

const view = ({ bank: _bank, ...product }: LoanProduct): ProductView => product;

/** Cross-field rules a DTO cannot express; checked on the merged product. */
async function assertConsistent(em: EntityManager, p: LoanProduct): Promise<void> {
  if (p.amountMin > p.amountMax) throw badRequest('amountMin', 'must not exceed amountMax');
  if (p.termMin > p.termMax) throw badRequest('termMin', 'must not exceed termMax');
  if (p.rateMinBps > p.rateMaxBps) throw badRequest('rateMinBps', 'must not exceed rateMaxBps');
  if (p.kind === 'supply_chain' && p.coreEnterpriseIds.length === 0) {
    throw badRequest(
      'coreEnterpriseIds',
      'a supply-chain product must name at least one core enterprise',
    );
  }
  const chains = [...new Set(p.chainIds)];
  if (chains.length && (await em.countBy(Chain, { id: In(chains) })) !== chains.length) {
    throw badRequest('chainIds', 'contains an unknown chain');
  }
  const cores = [...new Set(p.coreEnterpriseIds)];
  if (cores.length && (await em.countBy(Firm, { id: In(cores) })) !== cores.length) {
    throw badRequest('coreEnterpriseIds', 'contains an unknown firm');
  }
}

@Injectable()
export class ProductsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, dto: CreateProductDto): Promise<ProductWriteView> {
    return this.db.transaction(async (em) => {
      const product = em.create(LoanProduct, {
        status: 'active',
        minTier: 'none',
        regions: [],
        sectors: [],
        chainIds: [],
        minRevenue: null,
        minRdIntensityBps: null,
        maxDebtRatioBps: null,
        minInventionPatents: null,
        minYearsInNiche: null,
        requiresWhitelist: false,
        collateralAccepted: [],
        coreEnterpriseIds: [],
        purposes: [],
        creditQuota: null,
        description: null,
        ...dto,
        bankId: actor.orgId,
      });
      await assertConsistent(em, product);
      const saved = await em.save(product);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'product',
        saved.id,
        'product.created',
        {
          to: saved.status,
        },
      );
      const matchingJobId = await this.outbox.record(em, 'product.changed', saved.id, actor.orgId);
      return { ...view(saved), matchingJobId: matchingJobId as string };
    });
  }

  async list(actor: Actor): Promise<{ items: ProductView[] }> {
    const qb = this.db
      .getRepository(LoanProduct)
      .createQueryBuilder('p')
      .orderBy('p.created_at', 'ASC');
    return { items: (await this.scope.restrict(qb, 'product', 'p', actor).getMany()).map(view) };
  }

  async get(actor: Actor, id: string): Promise<ProductView> {
    const qb = this.db
      .getRepository(LoanProduct)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    return view(await this.scope.findOneOr404(qb, 'product', 'p', actor, 'loan product'));
  }

  /** Publishing and pausing are updates of `status`. */
  async update(actor: Actor, id: string, dto: UpdateProductDto): Promise<ProductWriteView> {
    return this.db.transaction(async (em) => {
      const qb = em
        .createQueryBuilder(LoanProduct, 'p')
        .setLock('pessimistic_write')
        .where('p.id = :id', { id });
      const product = await this.scope.findOneOr404(qb, 'product', 'p', actor, 'loan product');
      const from = product.status;
      Object.assign(product, dto);
      await assertConsistent(em, product);
      const saved = await em.save(product);
      await this.audit.record(em, this.audit.auditActor(actor), 'product', id, 'product.updated', {
        from,
        to: saved.status,
        data: { ...dto },
      });
      const matchingJobId = await this.outbox.record(em, 'product.changed', id, actor.orgId);
      return { ...view(saved), matchingJobId: matchingJobId as string };
    });
  }
}
