import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class NotificationsQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The last notice of the page before (its `nextBefore`): older notices follow',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be the id of one of your notices' })
  before?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'must be an integer' })
  @Min(1, { message: 'must be between 1 and 100' })
  @Max(100, { message: 'must be between 1 and 100' })
  limit?: number;
}
