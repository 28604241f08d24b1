// Wire types of the Lianrong API, named for the web. They are generated from the API's
// OpenAPI document (schema.d.ts, `npm run api:types`), so a change of the API's answers
// shows up here as a type error; the value lists come from the shared vocabulary
// (@lianrong/matching/vocabulary). Money is whole yuan, rates are basis points, ratios are
// fractions, timestamps ISO 8601 UTC.
import type { components } from './schema';

type Schemas = components['schemas'];

export type OrganizationRef = Schemas['OrganizationRefDto'];
export type SessionUser = Schemas['UserViewDto'];
export type AuthTokens = Schemas['SessionDto'];
export type LoginInput = Schemas['LoginDto'];
export type ChangePasswordInput = Schemas['ChangePasswordDto'];
export type AdminUser = Schemas['AdminUserViewDto'];
export type AdminUserList = Schemas['AdminUserListDto'];
export type IdName = Schemas['IdNameDto'];

export type FinancialYear = Schemas['FinancialYearViewDto'];
export type FirmProfile = Schemas['FirmViewDto'];

export type FundingNeed = Schemas['NeedViewDto'];
export type NeedList = Schemas['NeedListDto'];

export type LoanProduct = Schemas['ProductViewDto'];
export type ProductList = Schemas['ProductListDto'];
/** Body of POST /products (PATCH takes any part of it). */
export type ProductInput = Schemas['CreateProductDto'];
/** A product write answers with the product and the re-ranking job it queued. */
export type ProductWriteResult = Schemas['ProductWriteViewDto'];
/** POST /products/dry-run: how many open needs a draft product would reach once published. */
export type ProductDryRun = Schemas['ProductDryRunViewDto'];
export type ProductChain = Schemas['ProductChainDto'];
export type ProductChainList = Schemas['ProductChainListDto'];

export type MatchingJobResult = Schemas['JobResultDto'];
export type MatchingJob = Schemas['JobViewDto'];

/** One ranked firm in the officer's view of a product (GET /products/:id/matches). */
export type ProductMatch = Schemas['ProductMatchViewDto'];
export type ProductMatchesResponse = Schemas['ProductMatchesDto'];

export type ChainSummary = Schemas['ChainSummaryDto'];
export type ChainList = Schemas['ChainListDto'];

export type OrganizationRow = Schemas['OrgViewDto'];
export type OrganizationList = Schemas['OrgListDto'];

/** A row of GET /needs: the need and how many products its page shows. */
export type FundingNeedRow = Schemas['NeedListItemDto'];
/** Body of POST /needs (PATCH takes any part of it). */
export type NeedInput = Schemas['CreateNeedDto'];
/** One ranked product of a need, with score components and every rule as required vs actual. */
export type NeedMatch = Schemas['NeedMatchViewDto'];
export type NeedMatchList = Schemas['NeedMatchListDto'];
export type MatchCheck = Schemas['CheckDto'];
export type ScoreComponentView = Schemas['ScoreComponentDto'];
export type NearMissItem = Schemas['NearMissDto'];
export type NearMissList = Schemas['NearMissListDto'];
/** Body of POST /needs/:id/what-if: the inputs tried out, each optional. */
export type WhatIfInput = Schemas['WhatIfDto'];
export type WhatIfResult = Schemas['WhatIfViewDto'];
/** Body of PUT /firms/me/financials/:year: one fiscal year in whole yuan. */
export type FinancialYearInput = Schemas['FinancialYearDto'];
/** Answer of POST /firms/me/financials/import: the years written and the firm after them. */
export type FinancialsImportResult = Schemas['FinancialsImportViewDto'];
/** GET /firms/me/working-capital-estimate: the 流动资金贷款需求量测算, every step. */
export type WorkingCapitalEstimate = Schemas['WorkingCapitalEstimateViewDto'];
export type TurnoverItem = Schemas['TurnoverItemViewDto'];
export type SupplyLink = Schemas['SupplyLinkViewDto'];
export type SupplyLinks = Schemas['SupplyLinksDto'];
export type SupplyLinkInput = Schemas['CreateSupplyLinkDto'];
export type CoreEnterprise = Schemas['CoreEnterpriseDto'];
export type CoreEnterpriseList = Schemas['CoreEnterpriseListDto'];
export type FirmClaim = Schemas['FirmClaimViewDto'];
export type FirmClaimList = Schemas['FirmClaimListDto'];
export type FirmClaimKind = FirmClaim['kind'];
export type FirmClaimStatus = FirmClaim['status'];
export type ClaimableChain = Schemas['ClaimableChainDto'];
/** Body of POST /firms/me/claims: one shape per kind. */
export type ClaimInput =
  | Schemas['TierClaimDto']
  | Schemas['ChainClaimDto']
  | Schemas['RegionClaimDto']
  | Schemas['IndustryClaimDto']
  | Schemas['YearsInNicheClaimDto'];

/** A notice to the signed-in user: its kind and params are worded by the web (notice-words.ts). */
export type Notice = Schemas['NotificationViewDto'];
export type NoticeMatch = Schemas['NoticeMatchDto'];
export type NoticeList = Schemas['NotificationListDto'];
/** One event of GET /notifications/stream: the unread count now and the newest notice. */
export type NoticeStreamEvent = Schemas['NotificationStreamEventDto'];
export type UnreadCount = Schemas['UnreadCountDto'];
/** GET /bank/matches: one page of the officer's queue, with the counts per status on the first page. */
export type QueuePage = Schemas['QueuePageDto'];
export type QueueItem = Schemas['QueueItemDto'];
export type QueueCounts = Schemas['QueueCountsDto'];
export type ChainOption = Schemas['ChainOptionDto'];
/** GET /bank/firms/:firmId: a firm in the bank's queue as the reviewing officer sees it. */
export type BankFirmView = Schemas['BankFirmViewDto'];
export type BankFirmMatch = Schemas['BankFirmMatchDto'];
export type FactConfirmation = Schemas['FactConfirmationDto'];
// Government operations (issue 11): lead banks, the white list, roadshows.
export type LeadBanksOverview = Schemas['LeadBanksOverviewDto'];
export type ChainLeadBank = Schemas['ChainLeadBankDto'];
export type LeadBankPerformance = Schemas['LeadBankPerformanceDto'];
export type WhitelistView = Schemas['WhitelistViewDto'];
export type WhitelistEntry = Schemas['WhitelistEntryDto'];
export type WhitelistChangeEvent = Schemas['WhitelistChangeEventDto'];
export type WhitelistChange = Schemas['WhitelistChangeDto'];
export type GovFirmRow = Schemas['GovFirmRowDto'];
export type GovFirmMatches = Schemas['GovFirmMatchesDto'];
export type RoadshowSummary = Schemas['RoadshowSummaryDto'];
export type RoadshowDetail = Schemas['RoadshowDetailDto'];
export type RoadshowInput = Schemas['CreateRoadshowDto'];
export type RoadshowInvitation = Schemas['RoadshowInvitationViewDto'];
export type RoadshowPartyView = Schemas['RoadshowPartyViewDto'];
export type RoadshowIntent = Schemas['RoadshowIntentViewDto'];
export type RoadshowIntentInput = Schemas['RoadshowIntentDto'];
