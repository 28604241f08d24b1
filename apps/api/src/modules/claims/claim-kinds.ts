/** The facts a rule reads that a firm may only have by an agency's confirmation. */
export const FIRM_CLAIM_KINDS = ['tier', 'chain', 'region', 'industry', 'years_in_niche'] as const;
export type FirmClaimKind = (typeof FIRM_CLAIM_KINDS)[number];

export const FIRM_CLAIM_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type FirmClaimStatus = (typeof FIRM_CLAIM_STATUSES)[number];
