import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { type UserView } from '../auth/auth.service';
import { AdminService, type OrgView } from './admin.service';
import { CreateOrgDto, CreateUserDto } from './dtos/admin.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller({ path: 'admin', version: '1' })
export class AdminController {
  constructor(private readonly admin: AdminService) {}

  @Get('orgs')
  orgs(): Promise<{ items: OrgView[] }> {
    return this.admin.listOrgs();
  }

  @Post('orgs')
  createOrg(@CurrentActor() actor: Actor, @Body() dto: CreateOrgDto): Promise<OrgView> {
    return this.admin.createOrg(actor, dto);
  }

  @Post('users')
  createUser(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.admin.createUser(actor, dto);
  }
}
