/** A menu entry as far as lighting it goes: its own path and the pages reached from it. */
export interface MenuPlace {
  path: string;
  also?: string[];
}

/** The entry a page belongs to: the longest path or `also` prefix it lies under, so nested pages keep their item lit. */
export function selectedEntry(entries: readonly MenuPlace[], pathname: string): string | undefined {
  const within = (path: string) => pathname === path || pathname.startsWith(`${path}/`);
  return entries
    .flatMap((entry) => [entry.path, ...(entry.also ?? [])].filter(within).map((prefix) => ({ key: entry.path, prefix })))
    .sort((a, b) => b.prefix.length - a.prefix.length)[0]?.key;
}
