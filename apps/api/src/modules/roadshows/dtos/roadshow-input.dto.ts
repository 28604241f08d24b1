import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { IsYuan } from '../../../common/validation/money';

const trimmed = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

export class CreateRoadshowDto {
  @ApiProperty({ format: 'uuid', description: 'A chain of the caller’s region.' })
  @IsUUID('all', { message: 'must be a chain id' })
  chainId: string;

  @ApiProperty({ example: '2026-12', description: 'The month of the roadshow (一月一链).' })
  @IsString({ message: 'must be a month as YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'must be a month as YYYY-MM' })
  month: string;

  @ApiPropertyOptional({ example: '轨道交通产业链“一月一链”投融资路演' })
  @IsOptional()
  @trimmed
  @IsString({ message: 'must be text' })
  @MinLength(2, { message: 'must be at least 2 characters' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  title?: string;

  @ApiPropertyOptional({ example: '株洲·中国动力谷自主创新园' })
  @IsOptional()
  @trimmed
  @IsString({ message: 'must be text' })
  @MaxLength(200, { message: 'must be at most 200 characters' })
  venue?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trimmed
  @IsString({ message: 'must be text' })
  @MaxLength(1000, { message: 'must be at most 1000 characters' })
  note?: string;
}

export class RoadshowIntentDto {
  @IsYuan({ min: 1, example: 30_000_000 })
  amount: number;

  @ApiPropertyOptional({ example: '拟以订单融资方式支持，待尽调' })
  @IsOptional()
  @trimmed
  @IsString({ message: 'must be text' })
  @MaxLength(500, { message: 'must be at most 500 characters' })
  note?: string;
}
