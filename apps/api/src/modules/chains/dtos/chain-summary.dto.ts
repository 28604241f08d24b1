import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import { type ChainSummary } from '../chains.service';

export class ChainSummaryDto implements ChainSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: '430100' })
  regionCode: string;

  @ApiProperty({ type: IdNameDto, nullable: true })
  leadBank: IdNameDto | null;

  @ApiProperty({ type: [IdNameDto] })
  coreEnterprises: IdNameDto[];
}
