import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways when its content (a wide table on a phone) is wider than
 * the screen. It is focusable and named, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      {children}
    </div>
  );
}
