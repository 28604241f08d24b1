import { ApiProperty } from '@nestjs/swagger';
import { ORG_KINDS, type OrgKind, USER_ROLES, type UserRole } from '../../../common/domain-enums';
import { type Session, type UserView } from '../auth.service';

export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ORG_KINDS })
  kind: OrgKind;

  @ApiProperty({ example: '430100' })
  regionCode: string;
}

export class UserViewDto implements UserView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty()
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  role: UserRole;

  @ApiProperty({ type: OrganizationRefDto })
  organization: OrganizationRefDto;
}

export class SessionDto implements Session {
  @ApiProperty({
    description:
      'The refresh token is not in the body: it is set as the HttpOnly cookie lr_refresh, sent back only to /api/v1/auth.',
  })
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @ApiProperty({ type: UserViewDto })
  user: UserViewDto;
}
