import type { AuditFilters } from '../../api/audit';

/**
 * The actions the API writes, each with its label key under `audit.actions`. An action
 * not listed (a route added later, named after itself by the API) shows as its code.
 */
export const ACTION_LABELS = {
  'session.login': 'sessionLogin',
  'session.login_failed': 'sessionLoginFailed',
  'session.refreshed': 'sessionRefreshed',
  'session.refresh_reused': 'sessionRefreshReused',
  'session.logout': 'sessionLogout',
  'firm.registered': 'firmRegistered',
  'firm.updated': 'firmUpdated',
  'firm.financials.put': 'firmFinancialsPut',
  'firm.financials.import': 'firmFinancialsImport',
  'whitelist.added': 'whitelistAdded',
  'whitelist.removed': 'whitelistRemoved',
  'firm_claim.filed': 'claimFiled',
  'firm_claim.confirmed': 'claimConfirmed',
  'firm_claim.rejected': 'claimRejected',
  'supply_link.claimed': 'supplyLinkClaimed',
  'supply_link.confirmed': 'supplyLinkConfirmed',
  'supply_link.rejected': 'supplyLinkRejected',
  'need.created': 'needCreated',
  'need.updated': 'needUpdated',
  'need.withdrawn': 'needWithdrawn',
  'need.fulfilled': 'needFulfilled',
  'match.moved': 'matchMoved',
  'match.documents_requested': 'matchDocumentsRequested',
  'match.drawdown': 'matchDrawdown',
  'product.created': 'productCreated',
  'product.updated': 'productUpdated',
  'chain.lead_bank.set': 'chainLeadBankSet',
  'roadshow.created': 'roadshowCreated',
  'roadshow.intent.set': 'roadshowIntentSet',
  'roadshow.intent.removed': 'roadshowIntentRemoved',
  'org.created': 'orgCreated',
  'org.limits_updated': 'orgLimitsUpdated',
  'user.created': 'userCreated',
  'matching.rematch_all': 'rematchAll',
  'notification.read': 'notificationRead',
  'notification.read_all': 'notificationReadAll',
  'queue_board.opened': 'queueBoardOpened',
  'queue_board.changed': 'queueBoardChanged',
  'api_docs.opened': 'apiDocsOpened',
  'audit.exported': 'auditExported',
} as const;

export type ActionLabelKey = (typeof ACTION_LABELS)[keyof typeof ACTION_LABELS];

export function actionLabelKey(action: string): ActionLabelKey | undefined {
  return (ACTION_LABELS as Record<string, ActionLabelKey>)[action];
}

/** Kinds of action an officer filters by: the start of the action names. */
export const ACTION_GROUPS = {
  'session.': 'session',
  'firm.': 'firm',
  'whitelist.': 'whitelist',
  'firm_claim.': 'claim',
  'supply_link.': 'supplyLink',
  'need.': 'need',
  'match.': 'match',
  'product.': 'product',
  'chain.': 'chain',
  'roadshow.': 'roadshow',
} as const;

export type ActionGroupKey = (typeof ACTION_GROUPS)[keyof typeof ACTION_GROUPS];

/** The kinds of entity events are about, each labelled under `audit.entities`. */
export const ENTITY_TYPES = [
  'user',
  'firm',
  'firm_claim',
  'supply_link',
  'need',
  'match',
  'product',
  'chain',
  'roadshow',
  'organization',
  'matching_job',
  'notification',
  'admin_tool',
  'queue',
  'audit_trail',
] as const;

export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The page's filters from its address, each value kept only when it is one the page could have set. */
export function auditFiltersFromSearch(search: URLSearchParams): AuditFilters {
  const get = (name: string) => search.get(name) ?? undefined;
  const action = get('action');
  const entityType = get('entityType');
  const from = get('from');
  const to = get('to');
  return {
    actor: get('actor')?.slice(0, 100) || undefined,
    action: action && /^[a-z_.]{1,60}$/.test(action) ? action : undefined,
    entityType: entityType && isEntityType(entityType) ? entityType : undefined,
    from: from && DAY.test(from) ? from : undefined,
    to: to && DAY.test(to) ? to : undefined,
  };
}

/** The page's address for these filters (days stay days here; the API gets instants). */
export function auditFiltersToSearch(filters: AuditFilters): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  return search;
}

/** A compact reading of an event's details: `key: value` pairs, long values cut. */
export function detailsText(data: Record<string, unknown> | null | undefined, max = 160): string {
  if (!data) return '';
  const text = Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** 2026-05-01 14:03:07, Beijing time: seconds matter when reading a trail. */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
