// GB/T 2260 codes nest by prefix: 430000 (province) ⊃ 430100 (city) ⊃ 430102 (district).
// An agency's jurisdiction is therefore the code with trailing "00" pairs removed.
export function regionPrefix(regionCode: string): string {
  let prefix = regionCode;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}

export function regionCovers(agencyRegion: string, firmRegion: string): boolean {
  return firmRegion.startsWith(regionPrefix(agencyRegion));
}
