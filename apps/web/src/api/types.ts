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

export type MatchingJobResult = Schemas['JobResultDto'];
export type MatchingJob = Schemas['JobViewDto'];

/** One ranked firm in the officer's view of a product (GET /products/:id/matches). */
export type ProductMatch = Schemas['ProductMatchViewDto'];
export type ProductMatchesResponse = Schemas['ProductMatchesDto'];

export type ChainSummary = Schemas['ChainSummaryDto'];
export type ChainList = Schemas['ChainListDto'];

export type OrganizationRow = Schemas['OrgViewDto'];
export type OrganizationList = Schemas['OrgListDto'];

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
