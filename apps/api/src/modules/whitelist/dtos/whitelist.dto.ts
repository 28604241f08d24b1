import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class WhitelistDto {
  @ApiProperty({ example: '省级专精特新白名单 2025 第一批' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2, { message: 'must give a reason' })
  @MaxLength(500)
  reason: string;
}
