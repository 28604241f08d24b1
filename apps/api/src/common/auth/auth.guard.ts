import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ApiException } from '../http/api-error';
import { USER_ROLES, type UserRole } from '../domain-enums';
import { type Actor, IS_PUBLIC, ROLES, type RequestWithActor } from './actor';
import { TokenVersions } from './token-versions';

export interface AccessTokenClaims {
  sub: string;
  role: UserRole;
  org: string;
  region: string;
  /** The user's token version when it was issued (see TokenVersions). */
  ver: number;
}

/**
 * The single gate of the API: authenticates the bearer token, then checks the route's
 * roles. Resource-level scoping happens in AccessScope; this only decides who may knock.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly versions: TokenVersions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const req = context.switchToHttp().getRequest<RequestWithActor>();
    req.actor = await this.authenticate(req.headers.authorization);

    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(req.actor.role)) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        `this route is not open to role ${req.actor.role}`,
      );
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Actor> {
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!token) throw new ApiException(HttpStatus.UNAUTHORIZED, 'missing bearer token');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      if (!USER_ROLES.includes(claims.role)) throw new Error('bad role');
    } catch {
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'invalid or expired access token');
    }
    // Signed out everywhere, disabled, or made to reset the password since it was issued.
    if (claims.ver !== (await this.versions.current(claims.sub)))
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'session ended; sign in again');
    return {
      userId: claims.sub,
      role: claims.role,
      orgId: claims.org,
      regionCode: claims.region,
    };
  }
}
