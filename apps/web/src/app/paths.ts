import type { UserRole } from '@lianrong/matching/vocabulary';

// Route paths in one place; later journeys (needs, matches, review queue, whitelist)
// add their entries here and in menus.tsx.
export const paths = {
  login: '/login',
  register: '/register',
  firm: {
    home: '/firm',
    financials: '/firm/financials',
    creditLine: '/firm/credit-line',
    supplyLinksRoute: 'supply-links',
    supplyLinks: '/firm/supply-links',
    applicationsRoute: 'applications',
    applications: '/firm/applications',
    /** 我的申请 opened on one application (its history unfolded, scrolled into view). */
    application: (matchId: string) => `/firm/applications?match=${encodeURIComponent(matchId)}`,
    needRoute: 'needs/:needId',
    need: (needId: string) => `/firm/needs/${encodeURIComponent(needId)}`,
  },
  bank: {
    home: '/bank',
    // Reached from the products table, not the menu: it is one product's view.
    productMatchesRoute: 'products/:productId',
    productMatches: (productId: string) => `/bank/products/${encodeURIComponent(productId)}`,
    queue: '/bank/queue',
    queueRoute: 'queue',
    // Reached from a queue row; matchId adds that match's rules and actions.
    firmRoute: 'firms/:firmId',
    firm: (firmId: string, matchId?: string) =>
      `/bank/firms/${encodeURIComponent(firmId)}${matchId ? `?matchId=${encodeURIComponent(matchId)}` : ''}`,
    // Reached from the invitation card on the home page.
    roadshowRoute: 'roadshows/:roadshowId',
    roadshow: (roadshowId: string) => `/bank/roadshows/${encodeURIComponent(roadshowId)}`,
  },
  gov: {
    home: '/gov',
    // Reached from the chains table: one chain's page.
    chainRoute: 'chains/:chainId',
    chain: (chainId: string) => `/gov/chains/${encodeURIComponent(chainId)}`,
    blockers: '/gov/blockers',
    blockersRoute: 'blockers',
    claims: '/gov/claims',
    claimsRoute: 'claims',
    leadBanks: '/gov/lead-banks',
    leadBanksRoute: 'lead-banks',
    whitelist: '/gov/whitelist',
    whitelistRoute: 'whitelist',
    roadshows: '/gov/roadshows',
    roadshowsRoute: 'roadshows',
    roadshowRoute: 'roadshows/:roadshowId',
    roadshow: (roadshowId: string) => `/gov/roadshows/${encodeURIComponent(roadshowId)}`,
    audit: '/gov/audit',
    auditRoute: 'audit',
  },
  admin: {
    home: '/admin',
    users: '/admin/users',
    usersRoute: 'users',
    audit: '/admin/audit',
    auditRoute: 'audit',
  },
} as const;

export function portalPath(role: UserRole): string {
  return paths[role].home;
}

/** True when a path lies inside the given role's portal (/firm, /firm/needs, …). */
export function isInPortal(path: string, role: UserRole): boolean {
  const home = portalPath(role);
  return path === home || path.startsWith(`${home}/`);
}
