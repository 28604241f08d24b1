import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { IsYuan } from '../../../common/validation/money';

export class CreateSupplyLinkDto {
  @ApiProperty({ description: 'firm id of the core enterprise (链主)' })
  @IsUUID('all', { message: 'must be a firm id' })
  coreFirmId: string;

  @IsYuan({ example: 12_000_000 })
  annualSales: number;
}
