import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { type Request } from 'express';
import { type UserRole } from '../domain-enums';

/** Who is calling, as proven by the access token. */
export interface Actor {
  userId: string;
  role: UserRole;
  orgId: string;
  regionCode: string;
}

export type RequestWithActor = Request & { actor?: Actor };

export const IS_PUBLIC = 'lianrong:isPublic';
export const ROLES = 'lianrong:roles';

/** No bearer token needed. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call the route (others: 403). */
export const Roles = (...roles: UserRole[]) => SetMetadata(ROLES, roles);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
