import { useSyncExternalStore } from 'react';

/** antd's `lg` breakpoint: from here the menu stands beside the page; below it, it opens from a button. */
const WIDE = '(min-width: 992px)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** Whether the screen is wide enough for the side menu, following the window as it is resized or turned. */
export function useWideScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
}
