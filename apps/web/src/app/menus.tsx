import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BranchesOutlined,
  CalculatorOutlined,
  FundOutlined,
  NodeIndexOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TableOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { UserRole } from '@lianrong/matching/vocabulary';
import { paths } from './paths';

type NavKey =
  | 'nav.firmHome'
  | 'nav.bankHome'
  | 'nav.govHome'
  | 'nav.adminHome'
  | 'financials.navFinancials'
  | 'financials.navCreditLine'
  | 'supplyLinks.nav'
  | 'claims.nav'
  | 'leadBanks.nav'
  | 'whitelist.nav'
  | 'roadshows.nav';

export interface MenuEntry {
  path: string;
  labelKey: NavKey;
  icon: ReactNode;
}

// One list per role; each new journey adds one entry here and one route in router.tsx.
export const MENUS: Record<UserRole, MenuEntry[]> = {
  firm: [
    { path: paths.firm.home, labelKey: 'nav.firmHome', icon: <ShopOutlined /> },
    { path: paths.firm.financials, labelKey: 'financials.navFinancials', icon: <TableOutlined /> },
    { path: paths.firm.creditLine, labelKey: 'financials.navCreditLine', icon: <CalculatorOutlined /> },
    { path: paths.firm.supplyLinks, labelKey: 'supplyLinks.nav', icon: <NodeIndexOutlined /> },
  ],
  bank: [{ path: paths.bank.home, labelKey: 'nav.bankHome', icon: <BankOutlined /> }],
  gov: [
    { path: paths.gov.home, labelKey: 'nav.govHome', icon: <FundOutlined /> },
    { path: paths.gov.claims, labelKey: 'claims.nav', icon: <AuditOutlined /> },
    { path: paths.gov.leadBanks, labelKey: 'leadBanks.nav', icon: <BranchesOutlined /> },
    { path: paths.gov.whitelist, labelKey: 'whitelist.nav', icon: <SafetyCertificateOutlined /> },
    { path: paths.gov.roadshows, labelKey: 'roadshows.nav', icon: <ProjectOutlined /> },
  ],
  admin: [{ path: paths.admin.home, labelKey: 'nav.adminHome', icon: <ApartmentOutlined /> }],
};

/** The menu entry a path belongs to: the longest matching prefix, so nested pages keep their item lit. */
export function selectedMenuKey(role: UserRole, pathname: string): string | undefined {
  return MENUS[role]
    .map((entry) => entry.path)
    .filter((path) => pathname === path || pathname.startsWith(`${path}/`))
    .sort((a, b) => b.length - a.length)[0];
}
