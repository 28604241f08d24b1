import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { isUUID } from 'class-validator';
import { concatMap, type Observable } from 'rxjs';
import { type RequestWithActor } from '../../common/auth/actor';
import { currentRequest } from '../../common/http/request-context';
import { AUDIT_ROUTE, type AuditRoute } from './audit-route';
import { AuditService, NO_ACTOR } from './audit.service';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every state-changing request leaves an audit event. The services write the events of
 * the domain's changes themselves, inside their transactions and with the change's before
 * and after; this catches the rest: after a successful POST, PUT, PATCH or DELETE during
 * which no event was written, it writes one naming the route, so a route added later is
 * audited without anyone remembering to. One request never gets both.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    if (!STATE_CHANGING.has(req.method)) return next.handle();
    const route = this.reflector.getAllAndOverride<AuditRoute | undefined>(AUDIT_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (route?.kind === 'skip') return next.handle();

    return next.handle().pipe(
      concatMap(async (body: unknown) => {
        if ((currentRequest()?.audited ?? 0) > 0) return body;
        const controllerPath = String(Reflect.getMetadata(PATH_METADATA, context.getClass()) ?? '');
        const handler = context.getHandler().name;
        const entityType =
          route?.kind === 'named' ? route.entityType : controllerPath.split('/')[0] || 'route';
        const action =
          route?.kind === 'named'
            ? route.action
            : `${controllerPath.replace(/\//g, '.')}.${handler}`.slice(0, 60);
        await this.audit.recordAlone(
          req.actor ? this.audit.auditActor(req.actor) : NO_ACTOR,
          entityType,
          entityIdOf(req, body),
          action,
          { data: { route: `${req.method} ${routePath(req)}` } },
        );
        return body;
      }),
    );
  }
}

/** The route's pattern (/api/v1/notifications/:id/read), not the path with its ids. */
function routePath(req: RequestWithActor): string {
  // Express keeps the matched route in req.route, Fastify in request.routeOptions.
  const pattern = req.route?.path ?? req.routeOptions?.url;
  return typeof pattern === 'string' ? pattern : req.url.split('?')[0];
}

/** The entity a generic event is about: the route's uuid parameter, or the id of what it created. */
function entityIdOf(req: RequestWithActor, body: unknown): string | null {
  const params = Object.values(req.params ?? {}).filter(
    (v): v is string => typeof v === 'string' && isUUID(v),
  );
  if (params.length) return params[0];
  const created = (body as { id?: unknown } | null | undefined)?.id;
  return typeof created === 'string' && isUUID(created) ? created : null;
}
