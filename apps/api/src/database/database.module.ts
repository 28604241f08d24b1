import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { PreparedStatements } from './prepared-statements';

@Module({})
export class DatabaseModule {
  /**
   * The API bounds every statement, so a request never waits long on the database; the
   * worker's bulk statements grow with the data and get their own bound (none by default).
   * Both fail a query that cannot get a connection in time rather than queue it for ever.
   */
  static forRoot(kind: 'api' | 'worker'): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [PreparedStatements],
      exports: [PreparedStatements],
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) =>
            dataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE, {
              connectMs: config.DATABASE_CONNECT_TIMEOUT_MS,
              statementMs:
                kind === 'api'
                  ? config.DATABASE_STATEMENT_TIMEOUT_MS
                  : config.WORKER_STATEMENT_TIMEOUT_MS,
            }),
        }),
      ],
    };
  }
}
