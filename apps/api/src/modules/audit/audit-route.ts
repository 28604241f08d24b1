import { SetMetadata } from '@nestjs/common';

export const AUDIT_ROUTE = 'lianrong:auditRoute';

export type AuditRoute =
  { kind: 'named'; entityType: string; action: string } | { kind: 'skip'; reason: string };

/**
 * The names of the event the audit interceptor writes for this state-changing route when
 * its service wrote none (routes whose service does not audit: marking notifications read,
 * opening an admin tool). Without it the interceptor names the event after the route.
 */
export const Audited = (entityType: string, action: string) =>
  SetMetadata(AUDIT_ROUTE, { kind: 'named', entityType, action } satisfies AuditRoute);

/**
 * The interceptor writes nothing for this route: it changes no state (a what-if, a dry
 * run), or its service writes exactly the events of what changed and nothing when nothing
 * did (the session routes). The reason is for the reader of the code.
 */
export const NotAudited = (reason: string) =>
  SetMetadata(AUDIT_ROUTE, { kind: 'skip', reason } satisfies AuditRoute);
