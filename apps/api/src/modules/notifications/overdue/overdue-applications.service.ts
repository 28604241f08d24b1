import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '../../matches/response-clock';
import { NotificationsService } from '../notifications.service';

interface OverdueRow {
  id: string;
  bank_id: string;
  applied_at: Date;
  response_days: number;
  product_name: string;
  firm_name: string;
  dedupe_key: string;
}

/** Matches per transaction: a long backlog is written in steps, each committed on its own. */
const BATCH = 500;

/**
 * The response clock's overdue side (DESIGN §3): an application the bank has not moved for
 * more than its `response_days` working days is overdue, and the bank's active officers are
 * told once per application episode — a firm that re-applies starts a new episode (new
 * applied_at, new dedupe key), however often the check runs. An officer who joins later is
 * not told of episodes already announced.
 */
@Injectable()
export class OverdueApplications {
  private readonly logger = new Logger(OverdueApplications.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationsService,
    private readonly calendar: WorkingCalendar,
  ) {}

  /** Notifies every overdue application not yet notified; returns how many it notified. */
  async notify(now: Date = new Date()): Promise<number> {
    // Banks choose 1–60 days, so there are few distinct limits: one cutoff each.
    const limits = (await this.db.query(
      `SELECT DISTINCT response_days AS days FROM organizations WHERE kind = 'bank'`,
    )) as { days: number }[];
    if (limits.length === 0) return 0;
    const days = limits.map((l) => l.days);
    const cutoffs = days.map((d) => this.calendar.overdueCutoff(now, d).toISOString());
    let notified = 0;
    let previous: string | undefined;
    for (;;) {
      const rows = await this.overdue(days, cutoffs);
      // The same batch again means nobody could be told (its bank's officers all left meanwhile).
      if (rows.length === 0 || rows[0].dedupe_key === previous) break;
      previous = rows[0].dedupe_key;
      await this.db.transaction(async (em) => {
        for (const row of rows) {
          await this.notifications.notifyOrg(em, row.bank_id, {
            kind: 'application_overdue',
            matchId: row.id,
            params: {
              productName: row.product_name,
              firmName: row.firm_name,
              appliedAt: row.applied_at.toISOString(),
              responseDays: row.response_days,
            },
            dedupeKey: row.dedupe_key,
          });
        }
      });
      notified += rows.length;
      if (rows.length < BATCH) break;
    }
    if (notified > 0) this.logger.log(`${notified} overdue application(s) notified`);
    return notified;
  }

  /**
   * One query for every bank: each bank's waiting applications older than its cutoff, read
   * per bank from matches_bank_worked_idx (bank_id, status, applied_at), less those whose
   * episode was told already (one probe each into notifications_match_idx). Names are
   * joined after the limit, for the batch only.
   */
  private overdue(days: number[], cutoffs: string[]): Promise<OverdueRow[]> {
    return this.db.query(
      `WITH limits AS (
         SELECT * FROM unnest($1::int[], $2::timestamptz[]) AS l(days, cutoff)
       ),
       due AS (
         SELECT m.id, m.bank_id, m.firm_id, m.product_id, m.applied_at, b.response_days, k.dedupe_key
           FROM organizations b
           JOIN limits l ON l.days = b.response_days
           JOIN matches m ON m.bank_id = b.id
                         AND m.status = 'applied'
                         AND m.applied_at < l.cutoff
                         AND m.first_response_at IS NULL
           CROSS JOIN LATERAL (
             SELECT 'overdue:' || m.id || ':' ||
                    to_char(m.applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS dedupe_key
           ) k
          WHERE b.kind = 'bank'
            -- A bank with no active officer has nobody to tell (yet).
            AND EXISTS (SELECT 1 FROM users u WHERE u.organization_id = b.id AND u.disabled_at IS NULL)
            AND NOT EXISTS (
              SELECT 1 FROM notifications n WHERE n.match_id = m.id AND n.dedupe_key = k.dedupe_key
            )
          ORDER BY m.applied_at, m.id
          LIMIT ${BATCH}
       )
       SELECT d.id, d.bank_id, d.applied_at, d.response_days, d.dedupe_key,
              p.name AS product_name, f.name AS firm_name
         FROM due d
         JOIN loan_products p ON p.id = d.product_id
         JOIN organizations f ON f.id = d.firm_id
        ORDER BY d.applied_at, d.id`,
      [days, cutoffs],
    );
  }
}
