import { CloudEvent, Role } from '@ocop/contracts';
import { EntityManager } from 'typeorm';
import { AccountDirectory, Recipient } from '../accounts/account-directory';
import { Template } from './templates/layout';

/** Channels an account chooses between in its preferences; webhooks belong to subscriptions, not accounts. */
export type AccountChannel = 'in-app' | 'email';
export const ACCOUNT_CHANNELS: readonly AccountChannel[] = ['in-app', 'email'];

/**
 * A notification workflow, defined in code: which event starts it, who hears about it, on which channels and with
 * which template. `critical` notices ignore preferences (a recall must reach the producer); `digest` sends the
 * e-mail part once a day instead of per event (the in-app item still comes at once); `webhooks` also sends the
 * event to the webhook subscriptions of its type.
 */
export interface Workflow<T = unknown> {
  id: string;
  /**
   * The roles whose accounts this workflow can reach: a person's preferences list only these (a producer has no
   * use for a switch about officers' queues).
   */
  audience: readonly Role[];
  eventType: string;
  nameVi: string;
  nameEn: string;
  channels: readonly AccountChannel[];
  critical: boolean;
  digest: boolean;
  webhooks: boolean;
  recipients: (
    event: CloudEvent<T>,
    accounts: AccountDirectory,
    manager: EntityManager,
  ) => Promise<Recipient[]>;
  template: Template<T>;
  /**
   * Account mails (invitation, password reset) carry a one-time token sealed by identity: the planner opens it
   * and gives the template the token and the portal link (`PORTAL_URL` + path + `#token=`). Their e-mail goes
   * only to the address in the event (an invited account is not active yet), and its body is removed from the
   * delivery once it is sent or given up, so the link does not outlive the mail in our tables.
   */
  accountMail?: { path: string };
  /**
   * The portal page where the reader acts on the notice: the planner gives the template `link` (`PORTAL_URL` +
   * this path), so that a mail leads straight to the case rather than to a search for it.
   */
  portalPath?: (data: T) => string;
}

/** Keeps each workflow's event payload type checked against its resolver and template. */
export const defineWorkflow = <T>(workflow: Workflow<T>): Workflow<T> => workflow;
