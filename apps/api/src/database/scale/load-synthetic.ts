import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { FirmProfile } from '@lianrong/matching';
import { OutboxService } from '../../outbox/outbox.service';
import { syntheticNeedEntries, syntheticProducts } from '@lianrong/matching/testing';
import {
  type ScaleTable,
  bankRows,
  chainMemberRows,
  chainRows,
  copySql,
  coreRows,
  financialRow,
  firmRow,
  needRow,
  organizationRow,
  productRow,
  supplyLinkRows,
} from './synthetic-rows';

// Bulk loader of the seeded synthetic data set (libs/matching/testing/synthetic-data.ts):
// banks, 链主, chains, firms with financials, chain memberships, confirmed supply links,
// funding needs and loan products.
//
// Throughput design (measured on 2 cores, see the README note in seed-scale.cli.ts):
// - one generator pass feeds one COPY per table, each on its own connection, so the
//   server parses and indexes the tables in parallel while Node generates;
// - rows are appended to a per-table text buffer and written in ~256 KB chunks, awaiting
//   'drain' when the socket is full: memory stays flat however many firms are loaded;
// - those sessions run with session_replication_role = replica, which skips the
//   per-row foreign-key triggers (they are what makes parallel COPY into parent and
//   child tables impossible: a child COPY cannot see its parents' uncommitted rows).
//   CHECK, NOT NULL and unique constraints still apply row by row. Nothing in the schema
//   is altered; instead, once every COPY has committed, each foreign key of the loaded
//   tables is verified with one set-based anti-join (far cheaper than millions of
//   trigger lookups) and the load fails loudly if any row is orphaned.
// - every COPY runs in its own transaction and none commits before all have finished,
//   so a failure part-way leaves nothing behind.

export interface LoadSyntheticOptions {
  firms: number;
  products: number;
  /** Generator seed; the same seed loads the same rows. */
  seed?: number;
  /** Insert one `rematch.all` into the outbox afterwards (default true). */
  queueRematch?: boolean;
}

export interface LoadProgress {
  phase: 'copy' | 'commit' | 'verify' | 'analyze' | 'done';
  firms: number;
  totalFirms: number;
  rows: number;
}

export interface LoadSyntheticResult {
  rows: Record<string, number>;
  seconds: number;
  /** Wall seconds per phase: copy (generate + COPY), commit, verify (foreign keys), analyze. */
  phases: Record<string, number>;
}

export const DEFAULT_SEED = 20_260_101;

/** Chunk written to a COPY stream at once: large enough to amortise, small enough to stream. */
const CHUNK_CHARS = 256 * 1024;
/** Firms generated between flushes and progress reports. */
const BATCH_FIRMS = 2_000;

/** The tables the loader writes, in a dependency order (used for verification and ANALYZE). */
export const LOADED_TABLES: readonly ScaleTable[] = [
  'organizations',
  'chains',
  'firms',
  'chain_core_enterprises',
  'financial_years',
  'funding_needs',
  'chain_members',
  'supply_links',
  'loan_products',
];

/** One COPY … FROM STDIN on its own connection and transaction, fed in chunks. */
class CopyWriter {
  rows = 0;
  private buffer = '';
  private stream?: CopyStreamQuery;
  private failure?: Error;

  private constructor(
    readonly table: ScaleTable,
    private readonly client: Client,
  ) {}

  static async open(url: string, table: ScaleTable): Promise<CopyWriter> {
    const client = new Client({
      connectionString: url,
      application_name: `load-synthetic:${table}`,
    });
    await client.connect();
    const writer = new CopyWriter(table, client);
    try {
      // Needs a superuser (the dev database's owner is one). See the header comment.
      await client.query('SET session_replication_role = replica');
      // Nothing waits on this transaction's durability until the final COMMIT.
      await client.query('SET synchronous_commit = off');
      await client.query('BEGIN');
      writer.stream = client.query(copyFrom(copySql(table)));
      writer.stream.on('error', (e: Error) => (writer.failure ??= e));
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    return writer;
  }

  push(line: string): void {
    this.buffer += line;
    this.rows++;
  }

  pushAll(lines: readonly string[]): void {
    for (const line of lines) this.push(line);
  }

  async flushIfFull(): Promise<void> {
    if (this.buffer.length >= CHUNK_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.wrap(this.failure);
    if (!this.buffer || !this.stream) return;
    const ok = this.stream.write(this.buffer);
    this.buffer = '';
    // `once` rejects on 'error', so a COPY the server aborted cannot hang the loader.
    if (!ok) await once(this.stream, 'drain').catch((e: Error) => Promise.reject(this.wrap(e)));
  }

  /** Ends the COPY; resolves once the server has accepted every row. */
  async end(): Promise<void> {
    await this.flush();
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) => {
      stream.once('finish', resolve);
      stream.once('error', (e: Error) => reject(this.wrap(e)));
      stream.end();
    });
  }

  async commit(): Promise<void> {
    await this.client.query('COMMIT');
  }

  async close(rollback: boolean): Promise<void> {
    if (rollback) await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }

  private wrap(e: Error): Error {
    return new Error(`COPY ${this.table}: ${e.message}`);
  }
}

interface ForeignKey {
  name: string;
  child: string;
  column: string;
  parent: string;
  parentColumn: string;
}

/** Every single-column foreign key from a loaded table, read from the catalogue so none is forgotten. */
async function foreignKeys(client: Client): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, a.attname AS column,
            c.confrelid::regclass::text AS parent, pa.attname AS "parentColumn"
       FROM pg_constraint c
       JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
       JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
      WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY($1)
      ORDER BY c.conname`,
    [LOADED_TABLES],
  );
  return rows;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs tasks over `width` connections at a time (2 cores: more would only contend). */
async function onConnections<T>(
  url: string,
  width: number,
  tasks: readonly T[],
  run: (client: Client, task: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, tasks.length) }, async () => {
      const client = new Client({
        connectionString: url,
        application_name: 'load-synthetic:verify',
      });
      await client.connect();
      try {
        while (next < tasks.length) await run(client, tasks[next++]);
      } finally {
        await client.end();
      }
    }),
  );
}

async function verifyForeignKeys(url: string): Promise<void> {
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const keys = await foreignKeys(admin).finally(() => admin.end());
  const orphans: string[] = [];
  await onConnections(url, 2, keys, async (client, fk) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${quoteIdent(fk.child)} c
        WHERE c.${quoteIdent(fk.column)} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(fk.parent)} p WHERE p.${quoteIdent(fk.parentColumn)} = c.${quoteIdent(fk.column)})`,
    );
    if (rows[0].n > 0)
      orphans.push(`${fk.name} (${fk.child}.${fk.column}): ${rows[0].n} orphaned rows`);
  });
  if (orphans.length)
    throw new Error(`foreign keys violated after load:\n  ${orphans.join('\n  ')}`);
}

/**
 * Loads `firms` synthetic firms (with their needs, financials, chain memberships and
 * supply links), the fixed banks, 链主 and chains, and `products` loan products into a
 * migrated database. Fails on a database that already holds synthetic rows (primary keys).
 */
export async function loadSynthetic(
  databaseUrl: string,
  options: LoadSyntheticOptions,
  onProgress?: (p: LoadProgress) => void,
): Promise<LoadSyntheticResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const totalFirms = options.firms;
  if (!Number.isSafeInteger(totalFirms) || totalFirms < 0)
    throw new Error('firms must be a non-negative integer');
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = (now - mark) / 1000;
    mark = now;
  };

  const writers = await Promise.all(LOADED_TABLES.map((t) => CopyWriter.open(databaseUrl, t)));
  const w = Object.fromEntries(writers.map((x) => [x.table, x])) as Record<ScaleTable, CopyWriter>;
  const totalRows = () => writers.reduce((s, x) => s + x.rows, 0);
  let committed = false;
  try {
    w.organizations.pushAll(bankRows());
    w.chains.pushAll(chainRows());
    for (const [table, lines] of Object.entries(coreRows()) as [ScaleTable, string[]][])
      w[table].pushAll(lines);
    for (const p of syntheticProducts(seed, options.products)) w.loan_products.push(productRow(p));

    let firm: FirmProfile | undefined;
    let firms = 0;
    let links = 0;
    // Entries come firm by firm (1–3 needs each); stop at the first need of firm `totalFirms`.
    for (const entry of syntheticNeedEntries(seed, Number.MAX_SAFE_INTEGER)) {
      if (entry.firm !== firm) {
        if (firms === totalFirms) break;
        firm = entry.firm;
        firms++;
        w.organizations.push(organizationRow(firm));
        w.firms.push(firmRow(firm));
        for (const y of firm.financials) w.financial_years.push(financialRow(firm.id, y));
        w.chain_members.pushAll(chainMemberRows(firm));
        w.supply_links.pushAll(supplyLinkRows(firm, links));
        links += firm.supplierOf.length;
        if (firms % BATCH_FIRMS === 0) {
          await Promise.all(writers.map((x) => x.flushIfFull()));
          onProgress?.({ phase: 'copy', firms, totalFirms, rows: totalRows() });
        }
      }
      w.funding_needs.push(needRow(entry.firm.id, entry.need));
    }
    await Promise.all(writers.map((x) => x.end()));
    lap('copy');
    onProgress?.({ phase: 'commit', firms, totalFirms, rows: totalRows() });
    // Every COPY has been accepted; only now does any of them commit.
    for (const x of writers) await x.commit();
    committed = true;
    lap('commit');
  } finally {
    await Promise.all(writers.map((x) => x.close(!committed)));
  }

  const rows = Object.fromEntries(writers.map((x) => [x.table, x.rows]));
  onProgress?.({ phase: 'verify', firms: totalFirms, totalFirms, rows: totalRows() });
  await verifyForeignKeys(databaseUrl);
  lap('verify');

  onProgress?.({ phase: 'analyze', firms: totalFirms, totalFirms, rows: totalRows() });
  // Fresh statistics, or the worker's first reads are planned for empty tables.
  await onConnections(databaseUrl, 2, LOADED_TABLES, (client, table) =>
    client.query(`ANALYZE ${quoteIdent(table)}`).then(() => undefined),
  );
  lap('analyze');

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Workers key their cache of open needs on this sequence: the loaded needs make it stale.
    await client.query(`SELECT nextval('matching_data_seq')`);
    if (options.queueRematch ?? true) {
      await new OutboxService().record(
        { query: (sql, params) => client.query(sql, params) },
        'rematch.all',
        null,
      );
    }
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  onProgress?.({ phase: 'done', firms: totalFirms, totalFirms, rows: totalRows() });
  return { rows, seconds: (performance.now() - started) / 1000, phases };
}

/**
 * The smallest firm count whose generated needs include at least `openNeeds` open ones
 * (the generator mixes statuses), e.g. for a benchmark that wants 100k open needs.
 */
export function firmsForOpenNeeds(seed: number, openNeeds: number): number {
  let firm: FirmProfile | undefined;
  let firms = 0;
  let open = 0;
  for (const entry of syntheticNeedEntries(seed, Number.MAX_SAFE_INTEGER)) {
    if (entry.firm !== firm) {
      if (open >= openNeeds) return firms;
      firm = entry.firm;
      firms++;
    }
    if (entry.need.status === 'open') open++;
  }
  return firms;
}
