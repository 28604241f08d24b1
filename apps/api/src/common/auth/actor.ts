import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { type UserRole } from '../domain-enums';
import { type HttpRequest } from '../http/http-reply';

/** Who is calling, as proven by the access token. */
export interface Actor {
  userId: string;
  role: UserRole;
  orgId: string;
  regionCode: string;
}

export type RequestWithActor = HttpRequest & { actor?: Actor };

export const IS_PUBLIC = 'lianrong:isPublic';
export const ROLES = 'lianrong:roles';

/** No bearer token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Only these roles may call the route (others: 403). The OpenAPI document carries them as
 * `x-roles`, so clients and the generated isolation matrix read who may call what from it.
 */
export const Roles = (...roles: UserRole[]) =>
  applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
