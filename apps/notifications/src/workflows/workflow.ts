import { CloudEvent } from '@ocop/contracts';
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
}

/** Keeps each workflow's event payload type checked against its resolver and template. */
export const defineWorkflow = <T>(workflow: Workflow<T>): Workflow<T> => workflow;
