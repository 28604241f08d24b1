import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsYuan } from '../../../common/validation/money';

export class CreateSupplyLinkDto {
  @ApiProperty({ description: 'firm id of the core enterprise (链主)' })
  @IsUUID('all', { message: 'must be a firm id' })
  coreFirmId: string;

  @IsYuan({ example: 12_000_000 })
  annualSales: number;
}

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export class RejectSupplyLinkDto {
  @ApiProperty({ example: '我司未向该企业采购，请核对客户名称' })
  @trimmed
  @IsString({ message: 'must give a reason' })
  @MinLength(2, { message: 'must give a reason' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  reason: string;
}

export class CoreEnterpriseQuery {
  @ApiPropertyOptional({ description: 'Part of the name; empty lists the first core enterprises.' })
  @IsOptional()
  @trimmed
  @IsString({ message: 'must be text' })
  @MaxLength(50, { message: 'must be at most 50 characters' })
  q?: string;
}
