import { InitialSchema1763770000000 } from './1763770000000-initial-schema';
import { MatchingPipeline1763780000000 } from './1763780000000-matching-pipeline';
import { MatchingJobFailures1763790000000 } from './1763790000000-matching-job-failures';
import { DropMatchReasons1763800000000 } from './1763800000000-drop-match-reasons';
import { FirmClaims1763810000000 } from './1763810000000-firm-claims';
import { SupplyLinkRejection1763820000000 } from './1763820000000-supply-link-rejection';
import { LoanLoop1763830000000 } from './1763830000000-loan-loop';
import { NoticeMatchIndex1763840000000 } from './1763840000000-notice-match-index';
import { BankQueue1763845000000 } from './1763845000000-bank-queue';
import { GovOperations1763850000000 } from './1763850000000-gov-operations';
import { GovDashboard1763860000000 } from './1763860000000-gov-dashboard';
import { RematchWritesDifferences1763862000000 } from './1763862000000-rematch-writes-differences';
import { SessionLimits1763880000000 } from './1763880000000-session-limits';
import { AuditTrail1763890000000 } from './1763890000000-audit-trail';
import { MatchesLeanIndexes1763900000000 } from './1763900000000-matches-lean-indexes';
import { QueueCountMarks1763910000000 } from './1763910000000-queue-count-marks';
import { MatchesParentsCheckedPerStatement1763920000000 } from './1763920000000-matches-parents-checked-per-statement';
import { RecentChangesIndexes1763930000000 } from './1763930000000-recent-changes-indexes';
import { QueuePageMarks1763940000000 } from './1763940000000-queue-page-marks';

/** In order; never edit a migration that has shipped — add a new one. */
export const MIGRATIONS = [
  InitialSchema1763770000000,
  MatchingPipeline1763780000000,
  MatchingJobFailures1763790000000,
  DropMatchReasons1763800000000,
  FirmClaims1763810000000,
  SupplyLinkRejection1763820000000,
  LoanLoop1763830000000,
  NoticeMatchIndex1763840000000,
  BankQueue1763845000000,
  GovOperations1763850000000,
  GovDashboard1763860000000,
  RematchWritesDifferences1763862000000,
  SessionLimits1763880000000,
  AuditTrail1763890000000,
  MatchesLeanIndexes1763900000000,
  QueueCountMarks1763910000000,
  MatchesParentsCheckedPerStatement1763920000000,
  RecentChangesIndexes1763930000000,
  QueuePageMarks1763940000000,
];
