import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { ApiException, type ErrorDetail } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../../outbox/outbox.service';
import { Chain } from '../chains/chain.entity';
import { areCoreEnterprises } from '../supply-links/core-enterprises.query';
import { type CreateProductDto, type UpdateProductDto } from './dtos/product.dto';
import { LoanProduct } from './loan-product.entity';

export interface IdName {
  id: string;
  name: string;
}

/** The stored product, with its core enterprises named (storage keeps their firm ids). */
export type ProductView = Omit<LoanProduct, 'bank'> & { coreEnterprises: IdName[] };

/** A write also answers with the re-ranking job it started, for the bank to follow. */
export type ProductWriteView = ProductView & { matchingJobId: string };

export interface ProductChain {
  id: string;
  name: string;
  regionCode: string;
}

/** Every eligibility field at its "no restriction" value; a create or a draft fills in the rest. */
const openProduct = (): Partial<LoanProduct> => ({
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
});

/** The product a create body describes, for the caller's bank; nothing is saved. */
export function draftProduct(em: EntityManager, actor: Actor, dto: CreateProductDto): LoanProduct {
  return em.create(LoanProduct, { ...openProduct(), ...dto, bankId: actor.orgId });
}

/**
 * Cross-field rules a DTO cannot express, checked on the merged product (a create, an
 * edit over the stored product, or a draft) and reported all at once, each on its field.
 */
async function consistencyProblems(em: EntityManager, p: LoanProduct): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const problem = (field: string, text: string) => problems.push({ field, problem: text });
  if (p.amountMin > p.amountMax) problem('amountMin', 'must not exceed amountMax');
  if (p.termMin > p.termMax) problem('termMin', 'must not exceed termMax');
  if (p.rateMinBps > p.rateMaxBps) problem('rateMinBps', 'must not exceed rateMaxBps');
  if (p.creditQuota !== null && p.creditQuota < p.amountMin) {
    problem('creditQuota', 'must not be below amountMin: such a quota funds no loan');
  }
  if (p.kind === 'supply_chain' && p.coreEnterpriseIds.length === 0) {
    problem('coreEnterpriseIds', 'a supply-chain product must name at least one core enterprise');
  }
  const chains = [...new Set(p.chainIds)];
  if (chains.length && (await em.countBy(Chain, { id: In(chains) })) !== chains.length) {
    problem('chainIds', 'contains an unknown chain');
  }
  const cores = [...new Set(p.coreEnterpriseIds)];
  if (cores.length && !(await areCoreEnterprises(em, cores))) {
    problem(
      'coreEnterpriseIds',
      'contains a firm that is not a core enterprise (链主) of any chain',
    );
  }
  return problems;
}

export async function assertConsistent(em: EntityManager, p: LoanProduct): Promise<void> {
  const problems = await consistencyProblems(em, p);
  if (problems.length > 0) {
    throw new ApiException(
      HttpStatus.BAD_REQUEST,
      problems.map((d) => `${d.field}: ${d.problem}`).join('; '),
      problems,
    );
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
      const product = draftProduct(em, actor, dto);
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
      const [view] = await this.views(em, [saved]);
      return { ...view, matchingJobId: matchingJobId as string };
    });
  }

  async list(actor: Actor): Promise<{ items: ProductView[] }> {
    const qb = this.db
      .getRepository(LoanProduct)
      .createQueryBuilder('p')
      .orderBy('p.created_at', 'ASC');
    const products = await this.scope.restrict(qb, 'product', 'p', actor).getMany();
    return { items: await this.views(this.db.manager, products) };
  }

  async get(actor: Actor, id: string): Promise<ProductView> {
    const qb = this.db
      .getRepository(LoanProduct)
      .createQueryBuilder('p')
      .where('p.id = :id', { id });
    const product = await this.scope.findOneOr404(qb, 'product', 'p', actor, 'loan product');
    const [view] = await this.views(this.db.manager, [product]);
    return view;
  }

  /**
   * An edit of any field, publishing and pausing included (they are edits of `status`):
   * the merged product must hold together, and it is ranked again through the outbox.
   */
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
      const [view] = await this.views(em, [saved]);
      return { ...view, matchingJobId: matchingJobId as string };
    });
  }

  /** Chains are public knowledge (a province's published list), so every chain may be targeted. */
  async chains(): Promise<{ items: ProductChain[] }> {
    const chains = await this.db.manager.find(Chain, {
      order: { regionCode: 'ASC', name: 'ASC' },
    });
    return { items: chains.map((c) => ({ id: c.id, name: c.name, regionCode: c.regionCode })) };
  }

  private async views(em: EntityManager, products: LoanProduct[]): Promise<ProductView[]> {
    const ids = [...new Set(products.flatMap((p) => p.coreEnterpriseIds))];
    const rows: IdName[] = ids.length
      ? await em.query('SELECT id, name FROM organizations WHERE id = ANY($1::uuid[])', [ids])
      : [];
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return products.map(({ bank: _bank, ...product }) => ({
      ...product,
      coreEnterprises: product.coreEnterpriseIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    }));
  }
}
