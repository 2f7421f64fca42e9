import { addCalendarDays, vietnamDateOf } from '@ocop/ocop-domain';
import { join } from 'node:path';
import { ServiceClient } from './api';

/** Where each service listens. Lookup is where labels and certificates point. */
export interface StoryUrls {
  identity: string;
  catalogue: string;
  rating: string;
  traceability: string;
  notifications: string;
  lookup: string;
}

export interface StoryContext {
  urls: StoryUrls;
  identity: ServiceClient;
  catalogue: ServiceClient;
  rating: ServiceClient;
  traceability: ServiceClient;
  notifications: ServiceClient;
  lookup: ServiceClient;
  /** The first admin (identity's BOOTSTRAP_ADMIN_*). */
  admin: { email: string; password: string };
  /** Progress lines (the seed prints them on stderr; tests stay quiet). */
  log: (message: string) => void;
  /** "Today" where the story happens (Viet Nam), as YYYY-MM-DD; defaults to the real date. */
  today: (plusDays?: number) => string;
}

export const REPO_ROOT = join(__dirname, '../../../..');

/** A calendar day in Viet Nam (UTC+7), where rounds open, decisions are dated and batches are harvested. */
export function vietnamDay(at: Date, plusDays = 0): string {
  return addCalendarDays(vietnamDateOf(at), plusDays);
}

export function storyContext(
  urls: StoryUrls,
  admin: { email: string; password: string },
  log: (message: string) => void = () => undefined,
): StoryContext {
  return {
    urls,
    identity: new ServiceClient('identity', urls.identity),
    catalogue: new ServiceClient('catalogue', urls.catalogue),
    rating: new ServiceClient('rating', urls.rating),
    traceability: new ServiceClient('traceability', urls.traceability),
    notifications: new ServiceClient('notifications', urls.notifications),
    lookup: new ServiceClient('lookup', urls.lookup),
    admin,
    log,
    today: (plusDays = 0) => vietnamDay(new Date(), plusDays),
  };
}
