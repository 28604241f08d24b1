import { Readable } from 'node:stream';
import { Controller, Get, HttpStatus, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { CSV_BOM, CSV_MIME, csvHeader, csvRow } from './audit-csv';
import { AuditTrailService, type AuditEventPage } from './audit-trail.service';
import { AuditService } from './audit.service';
import { AuditEventPageDto } from './dtos/audit-event-view.dto';
import { AuditEventsFilterQuery, AuditEventsQuery } from './dtos/audit-events.query';

@ApiTags('audit')
@ApiBearerAuth()
@Roles('gov', 'admin')
@Controller({ path: 'audit-events', version: '1' })
export class AuditEventsController {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly audit: AuditService,
  ) {}

  @ApiDoc({
    summary: 'The audit trail: who did what to which entity, newest first, in keyset pages',
    description:
      "An agency reads the events concerning its region's firms, chains and roadshows; an admin reads all. " +
      'Pages follow `nextCursor`.',
    response: AuditEventPageDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get()
  page(@CurrentActor() actor: Actor, @Query() query: AuditEventsQuery): Promise<AuditEventPage> {
    const { cursor, limit, ...filters } = query;
    return this.trail.page(actor, filters, cursor, limit);
  }

  @ApiDoc({
    summary: 'The audit trail under the same filters as CSV (UTF-8 with BOM, Beijing time)',
    file: 'text/csv',
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('export.csv')
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: AuditEventsFilterQuery,
  ): Promise<StreamableFile> {
    const filters = { ...query };
    // Reading the trail out of the platform is itself on the trail.
    await this.audit.recordAlone(
      this.audit.auditActor(actor),
      'audit_trail',
      null,
      'audit.exported',
      {
        data: { filters },
      },
    );
    const trail = this.trail;
    async function* lines(): AsyncGenerator<string> {
      yield CSV_BOM + csvHeader();
      for await (const batch of trail.batches(actor, filters)) yield batch.map(csvRow).join('');
    }
    return new StreamableFile(Readable.from(lines()), {
      type: CSV_MIME,
      disposition: 'attachment; filename="audit-trail.csv"',
    });
  }
}
