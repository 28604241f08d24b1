import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class SetLeadBankDto {
  @ApiProperty({ description: 'organisation id of a bank' })
  @IsUUID('all', { message: 'must be a bank id' })
  bankId: string;
}
