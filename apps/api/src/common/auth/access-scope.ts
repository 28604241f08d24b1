import { Injectable } from '@nestjs/common';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { notFound } from '../http/api-error';
import { regionPrefix } from '../region';
import { type Actor } from './actor';

export type ScopedResource =
  'firm' | 'need' | 'product' | 'match' | 'chain' | 'supplyLink' | 'roadshow';

/**
 * DESIGN §2 isolation, written once. Every read of a scoped resource goes through
 * `restrict`, which adds the actor's visibility to the query; a resource outside it then
 * simply does not exist for that actor (404), so ids leak nothing.
 *
 * - firm: itself only;
 * - bank: its own products, and needs/firms only where matched to or applying to them;
 * - gov: firms (and their needs, matches) in its region, chains in its region, roadshows
 *   organised within its region;
 * - firm, bank: a roadshow only when invited to it;
 * - admin: everything.
 *
 * "Matched to" means any stored match, a firm's own top-K suggestions included. Those are
 * most of the table and only the (need_id, product_id) index holds them all, so the
 * EXISTS below that need every match of a firm go through the firm's needs: a match's
 * firm_id is always its need's (every writer copies it from the need, and a need never
 * changes firm). matches.firm_id is indexed only for worked and queue rows (migration
 * 1763900000000).
 */
@Injectable()
export class AccessScope {
  restrict<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    resource: ScopedResource,
    alias: string,
    actor: Actor,
  ): SelectQueryBuilder<T> {
    if (actor.role === 'admin') return qb;
    const p = (name: string) => `${name}_${alias}`;
    const params = { [p('org')]: actor.orgId, [p('region')]: `${regionPrefix(actor.regionCode)}%` };
    const firmInRegion = (firmIdSql: string) =>
      `EXISTS (SELECT 1 FROM organizations scope_o WHERE scope_o.id = ${firmIdSql} AND scope_o.region_code LIKE :${p('region')})`;

    switch (resource) {
      case 'firm':
        if (actor.role === 'firm') return qb.andWhere(`${alias}.id = :${p('org')}`, params);
        if (actor.role === 'bank')
          return qb.andWhere(
            `EXISTS (SELECT 1 FROM funding_needs scope_n JOIN matches scope_m ON scope_m.need_id = scope_n.id
                      WHERE scope_n.firm_id = ${alias}.id AND scope_m.bank_id = :${p('org')})`,
            params,
          );
        return qb.andWhere(firmInRegion(`${alias}.id`), params);
      case 'need':
        if (actor.role === 'firm') return qb.andWhere(`${alias}.firm_id = :${p('org')}`, params);
        if (actor.role === 'bank')
          return qb.andWhere(
            `EXISTS (SELECT 1 FROM matches scope_m WHERE scope_m.need_id = ${alias}.id AND scope_m.bank_id = :${p('org')})`,
            params,
          );
        return qb.andWhere(firmInRegion(`${alias}.firm_id`), params);
      case 'match':
        if (actor.role === 'firm') return qb.andWhere(`${alias}.firm_id = :${p('org')}`, params);
        if (actor.role === 'bank') return qb.andWhere(`${alias}.bank_id = :${p('org')}`, params);
        return qb.andWhere(firmInRegion(`${alias}.firm_id`), params);
      case 'product':
        if (actor.role === 'bank') return qb.andWhere(`${alias}.bank_id = :${p('org')}`, params);
        if (actor.role === 'firm')
          return qb.andWhere(
            `EXISTS (SELECT 1 FROM funding_needs scope_n JOIN matches scope_m ON scope_m.need_id = scope_n.id
                      WHERE scope_n.firm_id = :${p('org')} AND scope_m.product_id = ${alias}.id)`,
            params,
          );
        return qb.andWhere(`${alias}.status = 'active'`);
      case 'chain':
        if (actor.role === 'gov')
          return qb.andWhere(`${alias}.region_code LIKE :${p('region')}`, params);
        return qb.andWhere('false');
      case 'roadshow':
        if (actor.role === 'gov')
          return qb.andWhere(`${alias}.region_code LIKE :${p('region')}`, params);
        return qb.andWhere(
          `EXISTS (SELECT 1 FROM roadshow_invitations scope_ri WHERE scope_ri.roadshow_id = ${alias}.id AND scope_ri.org_id = :${p('org')})`,
          params,
        );
      case 'supplyLink':
        if (actor.role === 'firm')
          return qb.andWhere(
            `(${alias}.supplier_id = :${p('org')} OR ${alias}.core_firm_id = :${p('org')})`,
            params,
          );
        if (actor.role === 'gov') return qb.andWhere(firmInRegion(`${alias}.supplier_id`), params);
        return qb.andWhere('false');
    }
  }

  /** Loads one scoped row or answers 404 — the same answer for "absent" and "not yours". */
  async findOneOr404<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    resource: ScopedResource,
    alias: string,
    actor: Actor,
    what: string,
  ): Promise<T> {
    const row = await this.restrict(qb, resource, alias, actor).getOne();
    if (!row) throw notFound(what);
    return row;
  }
}
