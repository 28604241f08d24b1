import { ApiProperty } from '@nestjs/swagger';
import { type ChainOption } from '../bank-queue.service';

export class ChainOptionDto implements ChainOption {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ example: '430000' })
  regionCode: string;
}

export class ChainOptionListDto {
  @ApiProperty({ type: [ChainOptionDto] })
  items: ChainOptionDto[];
}
