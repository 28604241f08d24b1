import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsIndustryClass } from '../../../common/validation/is-industry-class';
import { IsUscc } from '../../../common/validation/is-uscc';

const trimLower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class LoginDto {
  @ApiProperty({ example: 'firm@lianrong.demo' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Lianrong@2026' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

/** Password policy shared by self-registration and admin-created users. */
export const PASSWORD_RULES = [
  MinLength(10, { message: 'must be at least 10 characters' }),
  MaxLength(200),
  Matches(/[A-Za-z]/, { message: 'must contain a letter' }),
  Matches(/[0-9]/, { message: 'must contain a digit' }),
];

export class RegisterFirmDto {
  @ApiProperty({
    example: '91110108551385082Q',
    description: '统一社会信用代码 (GB 32100-2015); both check characters are verified',
  })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @IsUscc()
  uscc: string;

  @ApiProperty({ example: '湖南博匠信息科技有限公司' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: '110108',
    required: false,
    description:
      'GB/T 2260; defaults to characters 3–8 of the USCC and, when given, must lie within that division',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[1-9][0-9]{5}$/, { message: 'must be a six-digit GB/T 2260 region code' })
  regionCode?: string;

  @ApiProperty({ example: 'C3912', description: 'GB/T 4754-2017 class (小类)' })
  @IsString()
  @IsIndustryClass()
  industryCode: string;

  @ApiProperty({ example: 'cfo@example.com' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @PasswordPolicy()
  password: string;

  @ApiProperty({ example: '张敏', required: false })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export function PasswordPolicy(): PropertyDecorator {
  return (target, key) => PASSWORD_RULES.forEach((rule) => rule(target, key));
}

/** A new password for one's own account, proven by the current one. */
export class ChangePasswordDto {
  @ApiProperty({ example: 'firm@lianrong.demo' })
  @Transform(trimLower)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @PasswordPolicy()
  newPassword: string;
}
