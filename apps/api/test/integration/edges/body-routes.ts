import { randomUUID } from 'node:crypto';
import { demoIds } from '../../../src/database/seeds/demo';

export type Caller = 'anonymous' | 'firm' | 'bank' | 'gov' | 'admin';

/** One route that reads a JSON body, as the OpenAPI document names it. */
export interface BodyRoute {
  method: 'post' | 'put' | 'patch';
  /** The OpenAPI path template, e.g. `/api/v1/needs/{id}`. */
  template: string;
  /** A concrete path to call; ids need not exist, the body is refused before any lookup. */
  path: string;
  /** Who may call it: anyone else gets 401/403 before the body is even looked at. */
  caller: Caller;
  /** A field of its DTO (text where it has one), to carry the NUL. */
  textField: string;
}

/**
 * Every route with a body. The bodies spec checks this list against the OpenAPI
 * document, so a new route with a body cannot be left out of the edge tests.
 */
export const BODY_ROUTES: BodyRoute[] = [
  route('post', '/auth/register-firm', 'anonymous', 'name'),
  route('post', '/auth/login', 'anonymous', 'password'),
  route('post', '/auth/password', 'anonymous', 'currentPassword'),
  route('patch', '/firms/me', 'firm', 'name'),
  route('put', '/firms/me/financials/{year}', 'firm', 'revenue', { year: '2024' }),
  route('post', '/firms/me/supply-links', 'firm', 'coreFirmId'),
  route('post', '/supply-links/{id}/reject', 'firm', 'reason', { id: randomUUID() }),
  route('post', '/firms/me/claims', 'firm', 'certificateNo'),
  route('post', '/needs', 'firm', 'note'),
  route('patch', '/needs/{id}', 'firm', 'note', { id: randomUUID() }),
  route('post', '/needs/{id}/what-if', 'firm', 'collateral', { id: randomUUID() }),
  route('post', '/needs/{id}/applications', 'firm', 'productId', { id: randomUUID() }),
  route('post', '/matches/{id}/transition', 'bank', 'note', { id: randomUUID() }),
  route('post', '/matches/{id}/document-requests', 'bank', 'note', { id: randomUUID() }),
  route('post', '/products', 'bank', 'name'),
  route('post', '/products/dry-run', 'bank', 'name'),
  route('patch', '/products/{id}', 'bank', 'description', { id: randomUUID() }),
  route('put', '/gov/chains/{id}/lead-bank', 'gov', 'bankId', { id: demoIds.chainId('rail') }),
  route('put', '/gov/whitelist/{firmId}', 'gov', 'reason', { firmId: randomUUID() }),
  route('post', '/gov/claims/{id}/reject', 'gov', 'reason', { id: randomUUID() }),
  route('post', '/gov/roadshows', 'gov', 'title'),
  route('put', '/roadshows/{id}/intents/{firmId}', 'bank', 'note', {
    id: randomUUID(),
    firmId: randomUUID(),
  }),
  route('post', '/admin/orgs', 'admin', 'name'),
  route('patch', '/admin/orgs/{id}', 'admin', 'approvalLimit', { id: randomUUID() }),
  route('post', '/admin/users', 'admin', 'displayName'),
  route('patch', '/admin/users/{id}', 'admin', 'disabled', { id: randomUUID() }),
];

function route(
  method: BodyRoute['method'],
  template: string,
  caller: Caller,
  textField: string,
  params: Record<string, string> = {},
): BodyRoute {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`no value for {${name}} in ${template}`);
    return value;
  });
  return { method, template: `/api/v1${template}`, path: `/api/v1${path}`, caller, textField };
}
