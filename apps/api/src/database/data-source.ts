import 'reflect-metadata';
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
    // node-postgres Pool and Client options. TCP keepalive lets a connection to a server
    // that vanished without closing it (a host gone, a network cut) fail instead of hang.
    extra: {
      max: poolSize,
      keepAlive: true,
      ...(timeouts.connectMs ? { connectionTimeoutMillis: timeouts.connectMs } : {}),
      ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
