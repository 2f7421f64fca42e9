import { Injectable } from '@nestjs/common';
import { Metrics } from '@ocop/service-kit';
import { Counter, Histogram } from 'prom-client';

/** The messaging series, registered once per application on the service's own registry. */
@Injectable()
export class MessagingMetrics {
  readonly outboxPublished: Counter<'type'>;
  readonly outboxDuplicates: Counter<'type'>;
  readonly relayFailures: Counter<'stage'>;
  readonly eventsHandled: Counter<'type'>;
  readonly eventsDuplicate: Counter<'type'>;
  readonly eventsFailed: Counter<'type'>;
  readonly eventsDeadLettered: Counter<'type'>;
  readonly handlerDuration: Histogram<'type'>;

  constructor(metrics: Metrics) {
    this.outboxPublished = metrics.counter(
      'messaging_outbox_published_total',
      'Outbox events stored by JetStream',
      ['type'],
    );
    this.outboxDuplicates = metrics.counter(
      'messaging_outbox_duplicates_total',
      'Outbox events JetStream had already stored (a relay re-published after a crash)',
      ['type'],
    );
    this.relayFailures = metrics.counter(
      'messaging_outbox_relay_failures_total',
      'Outbox relay failures: one event not published (publish) or a whole pass failed (batch)',
      ['stage'],
    );
    this.eventsHandled = metrics.counter(
      'messaging_events_handled_total',
      'Events whose handlers committed',
      ['type'],
    );
    this.eventsDuplicate = metrics.counter(
      'messaging_events_duplicates_total',
      'Redelivered events the inbox had already seen (handlers skipped)',
      ['type'],
    );
    this.eventsFailed = metrics.counter('messaging_events_failed_total', 'Handler attempts that failed', [
      'type',
    ]);
    this.eventsDeadLettered = metrics.counter(
      'messaging_events_dead_lettered_total',
      'Events given up on and written to dead_letter',
      ['type'],
    );
    this.handlerDuration = metrics.histogram(
      'messaging_event_handler_duration_seconds',
      'Time to handle one event, inbox check and commit included',
      ['type'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }
}
