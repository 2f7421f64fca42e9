import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import {
  DUPLICATE_WINDOW_MS,
  durableConsumerConfig,
  streamConfigFor,
  supportsFilterSubjects,
} from './streams';

describe('stream and consumer configuration', () => {
  it('keeps events forever on file, with a two-minute duplicate window', () => {
    expect(streamConfigFor('ocop', 'catalogue')).toMatchObject({
      name: 'OCOP_CATALOGUE',
      subjects: ['ocop.catalogue.>'],
      storage: 'file',
      retention: 'limits',
      max_age: 0,
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  });

  const spec = {
    stream: 'OCOP_IDENTITY',
    durable: 'notifications',
    filterSubjects: ['ocop.identity.account.registered', 'ocop.identity.account.disabled'],
    streamSubject: 'ocop.identity.>',
    ackWaitMs: 30_000,
  };

  it('filters on the handler subjects where the server takes several filters (2.10+)', () => {
    expect(supportsFilterSubjects('2.10.0')).toBe(true);
    expect(durableConsumerConfig({ ...spec, serverVersion: '2.10.22' })).toMatchObject({
      durable_name: 'notifications',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(30_000),
      max_deliver: -1,
      filter_subjects: ['ocop.identity.account.disabled', 'ocop.identity.account.registered'],
    });
  });

  it('takes the whole stream on older servers, with a filter that never needs changing', () => {
    expect(supportsFilterSubjects('2.9.10')).toBe(false);
    const config = durableConsumerConfig({ ...spec, serverVersion: '2.9.10' });
    expect(config.filter_subject).toBe('ocop.identity.>');
    expect(config.filter_subjects).toBeUndefined();
  });
});
