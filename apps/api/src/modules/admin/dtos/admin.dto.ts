import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsInt,
  Max,
  Min,
  ValidateIf,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { USER_ROLES, type UserRole } from '../../../common/domain-enums';
import { IsUscc } from '../../../common/validation/is-uscc';
import { IsYuan } from '../../../common/validation/money';
import { PasswordPolicy } from '../../auth/dtos/auth.dto';

/** Firms register themselves; the platform creates banks and agencies. */
export const ADMIN_CREATED_ORG_KINDS = ['bank', 'gov_agency'] as const;

export class CreateOrgDto {
  @ApiProperty({ enum: ADMIN_CREATED_ORG_KINDS })
  @IsIn(ADMIN_CREATED_ORG_KINDS, {
    message: `must be one of ${ADMIN_CREATED_ORG_KINDS.join(', ')}`,
  })
  kind: (typeof ADMIN_CREATED_ORG_KINDS)[number];

  @ApiProperty({ example: '中国银行湖南省分行' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '430000' })
  @IsString()
  @Matches(/^[1-9][0-9]{5}$/, { message: 'must be a six-digit GB/T 2260 region code' })
  regionCode: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @IsUscc()
  uscc?: string;
}

export class CreateUserDto {
  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @PasswordPolicy()
  password: string;

  @ApiProperty()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES, { message: `must be one of ${USER_ROLES.join(', ')}` })
  role: UserRole;

  @ApiProperty()
  @IsUUID('all', { message: 'must be an organisation id' })
  organizationId: string;
}

/** A bank's loan-loop limits; a field left out stays as it is. */
export class UpdateOrgLimitsDto {
  @ApiPropertyOptional({
    nullable: true,
    description:
      'Approvals strictly above this many yuan need a second officer (四眼原则); null: no such limit',
  })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsYuan({ example: 3_000_000 })
  approvalLimit?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 60,
    description: 'Working days the bank has to answer an application before it is overdue',
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt({ message: 'must be a whole number of working days' })
  @Min(1, { message: 'must be between 1 and 60' })
  @Max(60, { message: 'must be between 1 and 60' })
  responseDays?: number;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'true ends every session of the user at once and refuses sign-in' })
  @IsBoolean({ message: 'must be true or false' })
  disabled: boolean;
}

export class UserQueryDto {
  @ApiPropertyOptional({ description: 'Part of the email, name or organisation', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
