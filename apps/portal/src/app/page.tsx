import { type ComponentType, lazy } from 'react';
import { loadAreaMessages } from '../common/i18n/i18n';

/**
 * A page of the portal as its own chunk, loaded on first visit together with its area's words (the area's folder
 * under src, e.g. 'producer/products'; several when a page shows another area's parts, as an officer's review shows
 * a producer's site), so that the first page a phone opens carries no other area's script or text. A page module
 * exports its page as `Component`.
 */
export function page(
  importer: () => Promise<{ Component: ComponentType }>,
  areas: string | string[] = [],
): ComponentType {
  return lazy(async () => {
    const [module] = await Promise.all([importer(), ...[areas].flat().map((area) => loadAreaMessages(area))]);
    return { default: module.Component };
  });
}
