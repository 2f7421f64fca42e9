import { describe, expect, it } from 'vitest';
import { journeyOf, type TraceEvent } from './journey';

const event = (fields: Partial<TraceEvent>): TraceEvent => ({
  type: 'ObjectEvent',
  eventTime: '2026-12-02T02:00:00.000Z',
  ...fields,
});

describe('the journey as a shopper reads it', () => {
  it('puts the harvest date among the events, in time order, when no harvest event records it', () => {
    const steps = journeyOf(
      [
        event({
          eventID: 'a',
          eventTime: '2026-12-03T02:00:00.000Z',
          bizStep: 'commissioning',
          disposition: 'active',
        }),
        event({
          eventID: 'b',
          eventTime: '2026-12-04T02:00:00.000Z',
          bizStep: 'https://ref.gs1.org/cbv/BizStep-shipping',
          disposition: 'in_transit',
        }),
      ],
      '2026-12-01',
    );
    expect(steps.map((s) => [s.label, s.note])).toEqual([
      ['batches.journey.harvest', undefined],
      ['batches.journey.steps.commissioning', undefined],
      ['batches.journey.steps.shipping', 'batches.journey.dispositions.in_transit'],
    ]);
    expect(steps[0]).toMatchObject({ kind: 'date', at: '2026-12-01' });
  });

  it('lets a recorded harvest replace the date; a step outside CBV is "another step"; a recall without step is named', () => {
    const steps = journeyOf(
      [
        event({ eventID: 'h', bizStep: 'creating_class_instance' }),
        event({
          eventID: 'i',
          eventTime: '2026-12-02T03:00:00.000Z',
          bizStep: 'http://r.example/voc/BizStep-input_application',
        }),
        event({ eventID: 'r', eventTime: '2026-12-05T03:00:00.000Z', disposition: 'recalled' }),
      ],
      '2026-12-01',
    );
    expect(steps.map((s) => s.label)).toEqual([
      'batches.journey.steps.creating_class_instance',
      'batches.journey.steps.input_application',
      'batches.journey.recall',
    ]);
  });

  it('strikes through a corrected event, shows no step for the declaration, and keeps the harvest date then', () => {
    const steps = journeyOf(
      [
        event({ eventID: 'h', bizStep: 'creating_class_instance' }),
        event({
          eventID: 'h',
          eventTime: '2026-12-06T03:00:00.000Z',
          bizStep: 'creating_class_instance',
          errorDeclaration: { declarationTime: '2026-12-06T03:00:00Z' },
        }),
        event({ eventID: 'x', type: 'TransformationEvent' }),
      ],
      '2026-12-01',
    );
    expect(steps.map((s) => [s.label, s.corrected])).toEqual([
      ['batches.journey.harvest', false],
      ['batches.journey.steps.creating_class_instance', true],
      ['batches.journey.types.TransformationEvent', false],
    ]);
  });
});
