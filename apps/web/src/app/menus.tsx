import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BranchesOutlined,
  CalculatorOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FundOutlined,
  InboxOutlined,
  NodeIndexOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TableOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { UserRole } from '@lianrong/matching/vocabulary';
import { selectedEntry } from './menu-selection';
import { paths } from './paths';

type NavKey =
  | 'nav.firmHome'
  | 'nav.bankHome'
  | 'bankQueue.nav'
  | 'nav.govHome'
  | 'nav.adminHome'
  | 'admin.users'
  | 'financials.navFinancials'
  | 'financials.navCreditLine'
  | 'supplyLinks.nav'
  | 'claims.nav'
  | 'firmApplications.nav'
  | 'govBlockers.nav'
  | 'leadBanks.nav'
  | 'whitelist.nav'
  | 'roadshows.nav'
  | 'audit.nav';

export interface MenuEntry {
  path: string;
  labelKey: NavKey;
  icon: ReactNode;
  /** Pages reached from this entry that live elsewhere, which keep it lit (a queued firm's page). */
  also?: string[];
}

// One list per role; each new journey adds one entry here and one route in router.tsx.
export const MENUS: Record<UserRole, MenuEntry[]> = {
  firm: [
    { path: paths.firm.home, labelKey: 'nav.firmHome', icon: <ShopOutlined /> },
    { path: paths.firm.applications, labelKey: 'firmApplications.nav', icon: <FileDoneOutlined /> },
    { path: paths.firm.financials, labelKey: 'financials.navFinancials', icon: <TableOutlined /> },
    { path: paths.firm.creditLine, labelKey: 'financials.navCreditLine', icon: <CalculatorOutlined /> },
    { path: paths.firm.supplyLinks, labelKey: 'supplyLinks.nav', icon: <NodeIndexOutlined /> },
  ],
  bank: [
    { path: paths.bank.home, labelKey: 'nav.bankHome', icon: <BankOutlined /> },
    { path: paths.bank.queue, labelKey: 'bankQueue.nav', icon: <InboxOutlined />, also: ['/bank/firms'] },
  ],
  gov: [
    { path: paths.gov.home, labelKey: 'nav.govHome', icon: <FundOutlined />, also: ['/gov/chains'] },
    { path: paths.gov.blockers, labelKey: 'govBlockers.nav', icon: <AlertOutlined /> },
    { path: paths.gov.claims, labelKey: 'claims.nav', icon: <AuditOutlined /> },
    { path: paths.gov.leadBanks, labelKey: 'leadBanks.nav', icon: <BranchesOutlined /> },
    { path: paths.gov.whitelist, labelKey: 'whitelist.nav', icon: <SafetyCertificateOutlined /> },
    { path: paths.gov.roadshows, labelKey: 'roadshows.nav', icon: <ProjectOutlined /> },
    { path: paths.gov.audit, labelKey: 'audit.nav', icon: <FileSearchOutlined /> },
  ],
  admin: [
    { path: paths.admin.home, labelKey: 'nav.adminHome', icon: <ApartmentOutlined /> },
    { path: paths.admin.users, labelKey: 'admin.users', icon: <TeamOutlined /> },
    { path: paths.admin.audit, labelKey: 'audit.nav', icon: <FileSearchOutlined /> },
  ],
};

/** The menu entry a path belongs to (see selectedEntry). */
export function selectedMenuKey(role: UserRole, pathname: string): string | undefined {
  return selectedEntry(MENUS[role], pathname);
}
