import type { ReactNode } from 'react';

/**
 * A box whose content (a table wider than a phone) scrolls sideways inside it. A keyboard user must reach it to
 * scroll, so it takes focus, and it is named by the heading of what it holds (axe: scrollable-region-focusable).
 */
export function ScrollBox({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focus is how a keyboard scrolls it
    <div className="table-scroll" tabIndex={0} role="group" aria-labelledby={labelledBy}>
      {children}
    </div>
  );
}
