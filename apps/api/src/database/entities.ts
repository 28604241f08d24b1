import { AuditEvent } from '../modules/audit/audit-event.entity';
import { RefreshToken } from '../modules/auth/refresh-token.entity';
import { User } from '../modules/auth/user.entity';
import { Chain } from '../modules/chains/chain.entity';
import { FirmClaim } from '../modules/claims/firm-claim.entity';
import { FinancialYear } from '../modules/firms/financial-year.entity';
import { Firm } from '../modules/firms/firm.entity';
import { SupplyLink } from '../modules/supply-links/supply-link.entity';
import { MatchEvent } from '../modules/matches/match-event.entity';
import { Match } from '../modules/matches/match.entity';
import { Notification } from '../modules/notifications/notification.entity';
import { MatchingJob } from '../modules/jobs/matching-job.entity';
import { FundingNeed } from '../modules/needs/funding-need.entity';
import { Organization } from '../modules/organizations/organization.entity';
import { LoanProduct } from '../modules/products/loan-product.entity';
import { Roadshow, RoadshowIntent, RoadshowInvitation } from '../modules/roadshows/roadshow.entity';

export const ENTITIES = [
  Organization,
  User,
  RefreshToken,
  Firm,
  FinancialYear,
  SupplyLink,
  Chain,
  FundingNeed,
  LoanProduct,
  Match,
  AuditEvent,
  MatchingJob,
  FirmClaim,
  MatchEvent,
  Notification,
  Roadshow,
  RoadshowInvitation,
  RoadshowIntent,
];
