import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** How long a process lets the database keep it waiting (unset: no bound, as in the CLI). */
export interface DatabaseTimeouts {
  /** Waiting for a pooled connection, or for a new one to open. */
  connectMs?: number;
  /** Any one statement (PostgreSQL `statement_timeout`; 0: none). */
  statementMs?: number;
}

/**
 * How long the client waits for any answer to a statement: past the server's own
 * statement_timeout (whose cancellation is an answer) by a margin, so it only fires when
 * the server does not answer at all — hung, or cut off without the socket closing.
 */
export function answerTimeoutMs(statementMs: number): number {
  return statementMs + Math.max(1_000, Math.round(statementMs / 10));
}

const READ_TIMEOUT = 'Query read timeout';

/**
 * node-postgres fails a query unanswered within `query_timeout`, but keeps the connection:
 * the server may still run the query, and the transaction around it. Such a connection
 * must never serve another request (a later COMMIT could commit the abandoned writes), so
 * it is closed, which makes the server roll back whatever it had, and the pool drops it.
 */
export class ClosingOnSilenceClient extends Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: unknown[]): any {
    const result: unknown = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if ((error as Error | undefined)?.message === READ_TIMEOUT)
          (this.connection as unknown as { stream: { destroy(): void } }).stream.destroy();
      });
    }
    return result;
  }
}

/** One definition for the app, the worker, the CLI and the tests; the schema comes from migrations only. */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  timeouts: DatabaseTimeouts = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    uuidExtension: 'pgcrypto',
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    // node-postgres Pool and Client options. TCP keepalive lets a connection to a host that
    // vanished (a network cut) fail instead of hang; a bounded statement also bounds the
    // wait for its answer.
    extra: {
      max: poolSize,
      keepAlive: true,
      ...(timeouts.connectMs ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
      ...(timeouts.statementMs
        ? {
            statement_timeout: timeouts.statementMs,
            query_timeout: answerTimeoutMs(timeouts.statementMs),
            Client: ClosingOnSilenceClient,
          }
        : {}),
    },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
