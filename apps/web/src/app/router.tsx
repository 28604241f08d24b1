import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import type { UserRole } from '@lianrong/matching/vocabulary';
import { LoginPage } from '../features/auth/login-page';
import { NotFoundPage } from './not-found-page';
import { paths } from './paths';
import { PortalLayout } from './portal-layout';
import { FullPageSpin, HomeRedirect, RequireRole } from './require-role';

// One lazy chunk per portal: a firm owner on a phone never downloads the gov
// dashboard, and the login page paints before antd tables and ECharts arrive.
const FirmHomePage = lazy(() =>
  import('../features/firm/firm-home-page').then((m) => ({ default: m.FirmHomePage })),
);
const NeedPage = lazy(() =>
  import('../features/firm/needs/need-page').then((m) => ({ default: m.NeedPage })),
);
const ApplicationsPage = lazy(() =>
  import('../features/firm/applications/applications-page').then((m) => ({ default: m.ApplicationsPage })),
);
const FinancialsPage = lazy(() =>
  import('../features/firm/financials-page').then((m) => ({ default: m.FinancialsPage })),
);
const CreditLinePage = lazy(() =>
  import('../features/firm/credit-line-page').then((m) => ({ default: m.CreditLinePage })),
);
const SupplyLinksPage = lazy(() =>
  import('../features/supply-links/supply-links-page').then((m) => ({ default: m.SupplyLinksPage })),
);
const BankHomePage = lazy(() =>
  import('../features/bank/bank-home-page').then((m) => ({ default: m.BankHomePage })),
);
const ProductMatchesPage = lazy(() =>
  import('../features/bank/product-matches-page').then((m) => ({ default: m.ProductMatchesPage })),
);
const QueuePage = lazy(() =>
  import('../features/bank/queue/queue-page').then((m) => ({ default: m.QueuePage })),
);
const BankFirmPage = lazy(() =>
  import('../features/bank/firm-view/bank-firm-page').then((m) => ({ default: m.BankFirmPage })),
);
// The register page carries the industry table and the division names: its own chunk.
const RegisterPage = lazy(() =>
  import('../features/auth/register-page').then((m) => ({ default: m.RegisterPage })),
);
const GovHomePage = lazy(() =>
  import('../features/gov/gov-home-page').then((m) => ({ default: m.GovHomePage })),
);
const GovChainPage = lazy(() =>
  import('../features/gov/chain-page').then((m) => ({ default: m.ChainPage })),
);
const GovBlockersPage = lazy(() =>
  import('../features/gov/blockers-page').then((m) => ({ default: m.BlockersPage })),
);
const ClaimsReviewPage = lazy(() =>
  import('../features/claims/claims-review-page').then((m) => ({ default: m.ClaimsReviewPage })),
);
const LeadBanksPage = lazy(() =>
  import('../features/gov/lead-banks-page').then((m) => ({ default: m.LeadBanksPage })),
);
const WhitelistPage = lazy(() =>
  import('../features/gov/whitelist-page').then((m) => ({ default: m.WhitelistPage })),
);
const RoadshowsPage = lazy(() =>
  import('../features/roadshows/roadshows-page').then((m) => ({ default: m.RoadshowsPage })),
);
const RoadshowPage = lazy(() =>
  import('../features/roadshows/roadshow-page').then((m) => ({ default: m.RoadshowPage })),
);
const BankRoadshowPage = lazy(() =>
  import('../features/roadshows/bank-roadshow-page').then((m) => ({ default: m.BankRoadshowPage })),
);
// Agencies and admins read the same trail, each within their scope.
const AuditTrailPage = lazy(() =>
  import('../features/audit/audit-trail-page').then((m) => ({ default: m.AuditTrailPage })),
);
const AdminHomePage = lazy(() =>
  import('../features/admin/admin-home-page').then((m) => ({ default: m.AdminHomePage })),
);
const UsersPage = lazy(() =>
  import('../features/admin/users-page').then((m) => ({ default: m.UsersPage })),
);

function portal(role: UserRole, children: RouteObject[]): RouteObject {
  return {
    path: paths[role].home,
    element: (
      <RequireRole role={role}>
        <PortalLayout role={role} />
      </RequireRole>
    ),
    children: [...children, { path: '*', element: <NotFoundPage /> }],
  };
}

export const routes: RouteObject[] = [
  { path: paths.login, element: <LoginPage /> },
  {
    path: paths.register,
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <RegisterPage />
      </Suspense>
    ),
  },
  { path: '/', element: <HomeRedirect /> },
  portal('firm', [
    { index: true, element: <FirmHomePage /> },
    { path: paths.firm.needRoute, element: <NeedPage /> },
    { path: paths.firm.applicationsRoute, element: <ApplicationsPage /> },
    { path: 'financials', element: <FinancialsPage /> },
    { path: 'credit-line', element: <CreditLinePage /> },
    { path: paths.firm.supplyLinksRoute, element: <SupplyLinksPage /> },
  ]),
  portal('bank', [
    { index: true, element: <BankHomePage /> },
    { path: paths.bank.productMatchesRoute, element: <ProductMatchesPage /> },
    { path: paths.bank.queueRoute, element: <QueuePage /> },
    { path: paths.bank.firmRoute, element: <BankFirmPage /> },
    { path: paths.bank.roadshowRoute, element: <BankRoadshowPage /> },
  ]),
  portal('gov', [
    { index: true, element: <GovHomePage /> },
    { path: paths.gov.chainRoute, element: <GovChainPage /> },
    { path: paths.gov.blockersRoute, element: <GovBlockersPage /> },
    { path: paths.gov.claimsRoute, element: <ClaimsReviewPage /> },
    { path: paths.gov.leadBanksRoute, element: <LeadBanksPage /> },
    { path: paths.gov.whitelistRoute, element: <WhitelistPage /> },
    { path: paths.gov.roadshowsRoute, element: <RoadshowsPage /> },
    { path: paths.gov.roadshowRoute, element: <RoadshowPage /> },
    { path: paths.gov.auditRoute, element: <AuditTrailPage reader="gov" /> },
  ]),
  portal('admin', [
    { index: true, element: <AdminHomePage /> },
    { path: paths.admin.usersRoute, element: <UsersPage /> },
    { path: paths.admin.auditRoute, element: <AuditTrailPage reader="admin" /> },
  ]),
  { path: '*', element: <Navigate to="/" replace /> },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
