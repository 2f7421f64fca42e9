import {
  eventTypeOfSubject,
  filterSubjectsFor,
  patternCovers,
  patternsIntersect,
  subscriptionsFor,
  typeMatches,
} from './event-patterns';

describe('event patterns', () => {
  it.each([
    ['ocop.identity.account.registered', 'ocop.identity.account.registered', true],
    ['ocop.identity.account.*', 'ocop.identity.account.registered', true],
    ['ocop.identity.*.registered', 'ocop.identity.account.registered', true],
    ['ocop.identity.>', 'ocop.identity.account.registered', true],
    ['ocop.identity.account.>', 'ocop.identity.account', false],
    ['ocop.identity.account.*', 'ocop.identity.account.registered.extra', false],
    ['ocop.identity.account.registered', 'ocop.identity.account.disabled', false],
    ['ocop.catalogue.>', 'ocop.identity.account.registered', false],
  ])('%s matches %s: %s', (pattern, type, expected) => {
    expect(typeMatches(pattern, type)).toBe(expected);
  });

  it('maps a namespaced subject back to its event type', () => {
    expect(eventTypeOfSubject('t1234abcd', 't1234abcd.identity.account.registered')).toBe(
      'ocop.identity.account.registered',
    );
    expect(eventTypeOfSubject('t1234abcd', 'other.identity.account.registered')).toBeUndefined();
  });

  it('groups handler patterns into one subscription per producing stream', () => {
    expect(
      subscriptionsFor('ocop', [
        'ocop.identity.account.registered',
        'ocop.catalogue.product.*',
        'ocop.identity.account.disabled',
      ]),
    ).toEqual([
      {
        service: 'identity',
        stream: 'OCOP_IDENTITY',
        streamSubject: 'ocop.identity.>',
        subjects: ['ocop.identity.account.registered', 'ocop.identity.account.disabled'],
      },
      {
        service: 'catalogue',
        stream: 'OCOP_CATALOGUE',
        streamSubject: 'ocop.catalogue.>',
        subjects: ['ocop.catalogue.product.*'],
      },
    ]);
  });

  it('keeps filter subjects from overlapping, as nats-server 2.10 requires', () => {
    const stream = 'ocop.catalogue.>';
    expect(
      filterSubjectsFor(['ocop.catalogue.product.updated', 'ocop.catalogue.producer.verified'], stream),
    ).toEqual(['ocop.catalogue.product.updated', 'ocop.catalogue.producer.verified']);
    expect(filterSubjectsFor(['ocop.catalogue.product.updated', 'ocop.catalogue.product.*'], stream)).toEqual(
      ['ocop.catalogue.product.*'],
    );
    expect(
      filterSubjectsFor(['ocop.catalogue.product.updated', 'ocop.catalogue.product.updated'], stream),
    ).toEqual(['ocop.catalogue.product.updated']);
    expect(filterSubjectsFor(['ocop.catalogue.*.updated', 'ocop.catalogue.product.*'], stream)).toEqual([
      stream,
    ]);
    expect(patternCovers('ocop.catalogue.>', 'ocop.catalogue.product.*')).toBe(true);
    expect(patternCovers('ocop.catalogue.product.*', 'ocop.catalogue.>')).toBe(false);
    expect(patternsIntersect('ocop.catalogue.product.*', 'ocop.catalogue.producer.*')).toBe(false);
  });

  it('rejects a pattern that does not name the producing service', () => {
    expect(() => subscriptionsFor('ocop', ['ocop.*.account.registered'])).toThrow(
      /must name the producing service/,
    );
    expect(() => subscriptionsFor('ocop', ['ocop.>'])).toThrow();
    expect(() => subscriptionsFor('ocop', ['user-created'])).toThrow();
  });
});
