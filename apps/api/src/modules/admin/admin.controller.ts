import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { type UserView } from '../auth/auth.service';
import { type AdminUserView, AdminService, type OrgView } from './admin.service';
import {
  CreateOrgDto,
  CreateUserDto,
  UpdateOrgLimitsDto,
  UpdateUserDto,
  UserQueryDto,
} from './dtos/admin.dto';
import { AdminUserListDto, AdminUserViewDto } from './dtos/user-admin-view.dto';
import { OrgListDto, OrgViewDto } from './dtos/org-view.dto';
import { UserViewDto } from '../auth/dtos/session.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin', version: '1' })
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @ApiDoc({ summary: 'Every organisation', response: OrgListDto })
  @Get('orgs')
  orgs(): Promise<{ items: OrgView[] }> {
    return this.admin.listOrgs();
  }

  @ApiDoc({
    summary: 'Create a bank or government agency',
    response: OrgViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT],
  })
  @Post('orgs')
  createOrg(@CurrentActor() actor: Actor, @Body() dto: CreateOrgDto): Promise<OrgView> {
    return this.admin.createOrg(actor, dto);
  }

  @ApiDoc({
    summary: "Set a bank's approval limit (四眼原则) and response days",
    response: OrgViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Patch('orgs/:id')
  updateOrgLimits(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateOrgLimitsDto,
  ): Promise<OrgView> {
    return this.admin.updateOrgLimits(actor, id, dto);
  }

  @ApiDoc({
    summary: 'Create a user in an organisation',
    response: UserViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT],
  })
  @Post('users')
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.admin.createUser(actor, dto);
  }

  @ApiDoc({ summary: 'Users, searched by email, name or organisation', response: AdminUserListDto })
  @Get('users')
  users(@Query() query: UserQueryDto): Promise<{ items: AdminUserView[] }> {
    return this.admin.listUsers(query.q);
  }

  @ApiDoc({
    summary: 'Disable or re-enable a user; disabling ends their sessions at once',
    response: AdminUserViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Patch('users/:id')
  updateUser(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<AdminUserView> {
    return this.admin.setDisabled(actor, id, dto.disabled);
  }

  @ApiDoc({
    summary: 'End a user’s sessions and require a new password at the next sign-in',
    response: AdminUserViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post('users/:id/password-reset')
  @HttpCode(HttpStatus.OK)
  forcePasswordReset(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<AdminUserView> {
    return this.admin.forcePasswordReset(actor, id);
  }
}
