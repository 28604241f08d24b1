import { type EntityManager } from 'typeorm';
import { likePattern } from '../../common/db/like-pattern';

/**
 * Who counts as a core enterprise (链主), written once. Today that is the chains'
 * core-enterprise lists; when "core" becomes a confirmed chain claim only this SQL
 * changes, and both the search and the claim check follow.
 */
const CORE_OF_CHAIN_SQL = `SELECT ce.firm_id, ce.chain_id FROM chain_core_enterprises ce`;

export interface CoreEnterprise {
  id: string;
  name: string;
  /** Names of the chains it leads, so a supplier can tell two similar names apart. */
  chains: string[];
}

/** Core enterprises whose name contains `q` (all of them for an empty `q`), the caller left out. */
export async function searchCoreEnterprises(
  em: EntityManager,
  q: string,
  excludeFirmId: string,
  limit: number,
): Promise<CoreEnterprise[]> {
  const rows = (await em.query(
    `SELECT o.id, o.name, array_agg(c.name ORDER BY c.name) AS chains
       FROM (${CORE_OF_CHAIN_SQL}) core
       JOIN organizations o ON o.id = core.firm_id
       JOIN chains c ON c.id = core.chain_id
      WHERE o.id <> $1 AND o.name ILIKE $2
      GROUP BY o.id, o.name
      ORDER BY o.name
      LIMIT $3`,
    [excludeFirmId, likePattern(q), limit],
  )) as CoreEnterprise[];
  return rows;
}

/** True when the firm is a core enterprise of some chain. */
export async function isCoreEnterprise(em: EntityManager, firmId: string): Promise<boolean> {
  const [row] = (await em.query(
    `SELECT EXISTS (SELECT 1 FROM (${CORE_OF_CHAIN_SQL}) core WHERE core.firm_id = $1) AS found`,
    [firmId],
  )) as { found: boolean }[];
  return row.found;
}

/** True when every one of the firms is a core enterprise of some chain. */
export async function areCoreEnterprises(em: EntityManager, firmIds: string[]): Promise<boolean> {
  const ids = [...new Set(firmIds)];
  const [row] = (await em.query(
    `SELECT count(DISTINCT core.firm_id)::int AS n FROM (${CORE_OF_CHAIN_SQL}) core
      WHERE core.firm_id = ANY($1::uuid[])`,
    [ids],
  )) as { n: number }[];
  return row.n === ids.length;
}
