// GB/T 2260 nesting lives in the shared registration module, so an agency's jurisdiction
// and a registration's region are decided by the same rule.
import { regionWithin } from '@lianrong/matching/registration';

export { regionPrefix } from '@lianrong/matching/registration';

export function regionCovers(agencyRegion: string, firmRegion: string): boolean {
  return regionWithin(firmRegion, agencyRegion);
}
