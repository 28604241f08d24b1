import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import {
  type AuditActorView,
  type AuditEventPage,
  type AuditEventView,
} from '../audit-trail.service';

export class AuditActorViewDto implements AuditActorView {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null when the user is gone' })
  name: string | null;

  @ApiProperty({ nullable: true, type: String })
  email: string | null;

  @ApiProperty({ nullable: true, type: IdNameDto })
  organization: IdNameDto | null;
}

export class AuditEventViewDto implements AuditEventView {
  @ApiProperty({ description: 'Increasing with time of writing' })
  id: string;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ example: 'need.created' })
  action: string;

  @ApiProperty({ example: 'need' })
  entityType: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  entityId: string | null;

  @ApiProperty({
    nullable: true,
    type: AuditActorViewDto,
    description: 'Null when nobody was proven: a refused login, a replayed token, background work',
  })
  actor: AuditActorViewDto | null;

  @ApiProperty({ nullable: true, type: IdNameDto, description: 'The firm the event concerns' })
  firm: IdNameDto | null;

  @ApiProperty({ nullable: true, type: String, example: '430100' })
  regionCode: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The state before' })
  fromStatus: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The state after' })
  toStatus: string | null;

  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    description: 'What else the change consisted of (fields changed, reasons, amounts)',
  })
  data: Record<string, unknown> | null;

  @ApiProperty({ nullable: true, type: String, description: 'X-Request-Id of the request' })
  requestId: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The client's address; shown to platform admins only",
  })
  ip: string | null;
}

export class AuditEventPageDto implements AuditEventPage {
  @ApiProperty({ type: [AuditEventViewDto] })
  items: AuditEventViewDto[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as cursor for the next page' })
  nextCursor: string | null;
}
