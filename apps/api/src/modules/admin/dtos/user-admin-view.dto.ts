import { ApiProperty } from '@nestjs/swagger';
import { UserViewDto } from '../../auth/dtos/session.dto';
import { type AdminUserView } from '../admin.service';

export class AdminUserViewDto extends UserViewDto implements AdminUserView {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  disabledAt: string | null;

  @ApiProperty({ description: 'An administrator asked for a new password at the next sign-in' })
  passwordResetRequired: boolean;
}

export class AdminUserListDto {
  @ApiProperty({ type: [AdminUserViewDto] })
  items: AdminUserViewDto[];
}
