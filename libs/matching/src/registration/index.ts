// @lianrong/matching/registration — what a firm states when it registers (USCC, region,
// industry), checked the same way in the API and the browser. Pure and browser-safe.
export {
  completeUscc,
  isValidUscc,
  organisationCheckCharacter,
  usccCheckCharacter,
  usccProblem,
  usccRegionCode,
} from './uscc';
export type { UsccProblem } from './uscc';
export {
  NATIONAL_REGION,
  findRegion,
  regionFullName,
  regionOfPrefix,
  regionPrefix,
  regionTree,
  regionWithin,
  regionsWithin,
} from './regions';
export type { Region, RegionNode } from './regions';
export { industryName, industryPath, industryTree, isIndustryClass } from './industries';
export type { IndustryNode } from './industries';
