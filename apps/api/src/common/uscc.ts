// The USCC rules live in the shared registration module so the browser checks a code
// exactly as the API does; this file keeps the API's import path.
export {
  completeUscc,
  isValidUscc,
  usccCheckCharacter,
  usccProblem,
  usccRegionCode,
} from '@lianrong/matching/registration';
export type { UsccProblem } from '@lianrong/matching/registration';
