import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Pool, type PoolConfig } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import { type PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs the hottest read statements (a need's matches, the officer's queue) as named
 * prepared statements, each planned once per connection: parsing and planning the text on
 * every request cost as much as running it. The name is the text's hash, so statements
 * built from fragments (the queue's filters) get one each.
 *
 * Postgres keeps planning a prepared statement anew on every run when its own estimate
 * says the generic plan is dearer, as it does for the queue's page (4.0 ms a run planned
 * each time, 2.6 ms with the one plan; closing note of issue 12). So these statements run
 * on connections of their own with `plan_cache_mode = force_generic_plan`: every statement
 * sent here is written to be index-driven whatever its values (keyed lookups, keyset pages),
 * which bench:bank-queue checks case by case. The ORM's own statements keep the default on
 * its pool. The pool copies the ORM pool's settings: size, timeouts, the client that drops
 * a silent connection.
 */
@Injectable()
export class PreparedStatements implements OnApplicationShutdown {
  private pool?: Pool;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async query<T>(text: string, values: unknown[]): Promise<T[]> {
    const name = `lr_${createHash('sha1').update(text).digest('base64url')}`;
    try {
      const result = await this.connections().query<T & object>({ name, text, values });
      return result.rows;
    } catch (error) {
      // The same error TypeORM's own queries throw, so the API answers it the same way.
      throw error instanceof Error && 'code' in error
        ? new QueryFailedError(text, values, error)
        : error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private connections(): Pool {
    if (!this.pool) {
      const orm = (this.db.driver as PostgresDriver).master as Pool & { options: PoolConfig };
      const options = [orm.options.options, '-c plan_cache_mode=force_generic_plan']
        .filter(Boolean)
        .join(' ');
      this.pool = new Pool({ ...orm.options, options });
      // A pooled connection that dies idle is dropped by the pool; the next query opens
      // another. Without a listener the error would end the process.
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }
}
