import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { checkDependency } from './dependency-check';

/** Terminus's TypeORM indicator puts the driver's message in the body; this one does not. */
@Injectable()
export class PostgresHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  isHealthy() {
    return checkDependency(this.indicators, 'postgres', 1500, () => this.ping());
  }

  async ping(): Promise<boolean> {
    const rows: { ok: number }[] = await this.db.query('SELECT 1 AS ok');
    return rows[0]?.ok === 1;
  }
}
