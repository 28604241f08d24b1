import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { JOB_STATES, type JobState } from '../../../common/domain-enums';
import { type JobView } from '../jobs.service';

export class RematchAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /jobs/{id}.' })
  jobId: string;
}

/** What a finished job reports; the figures depend on its topic. */
export class JobResultDto {
  @ApiPropertyOptional({ format: 'uuid' })
  productId?: string;

  @ApiPropertyOptional({ type: 'integer' })
  matchedNeeds?: number;

  @ApiPropertyOptional({ type: 'integer' })
  matchedFirms?: number;

  @ApiPropertyOptional({ type: 'integer' })
  eligibleNeeds?: number;
}

export class JobViewDto implements JobView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'product.changed' })
  topic: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  // The worker stores a free-form record; the schema names the figures the web reads.
  @ApiProperty({ type: JobResultDto, nullable: true })
  result: Record<string, unknown> | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why a failed job failed: the failing shard and its error.',
  })
  failure: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;
}
