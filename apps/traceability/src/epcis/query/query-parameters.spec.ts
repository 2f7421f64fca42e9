import { DomainError } from '@ocop/contracts';
import { queryFingerprint, readEventQuery } from './query-parameters';

const problemOf = (raw: Record<string, unknown>) => {
  try {
    readEventQuery(raw);
  } catch (err) {
    const p = (err as DomainError).toProblem();
    return [p.status, p.code, p['parameter']];
  }
  return 'accepted';
};

describe('EPCIS query parameters', () => {
  it('reads lists repeated or pipe-separated, single values, and defaults perPage', () => {
    expect(
      readEventQuery({
        eventType: 'ObjectEvent|AggregationEvent',
        EQ_bizStep: ['shipping', 'receiving,packing'],
        MATCH_anyEPCClass: 'https://id.ocop.vn/01/08936047000500/10/A|B',
        GE_eventTime: '2026-09-01T00:00:00 07:00', // a '+' sent unencoded arrives as a space
        orderBy: 'eventTime',
        orderDirection: 'ASC',
        eventCountLimit: '5',
      }),
    ).toEqual({
      eventType: ['ObjectEvent', 'AggregationEvent'],
      EQ_bizStep: ['shipping', 'receiving', 'packing'],
      match: { MATCH_anyEPCClass: ['https://id.ocop.vn/01/08936047000500/10/A', 'B'] },
      GE_eventTime: '2026-09-01T00:00:00+07:00',
      orderBy: 'eventTime',
      orderDirection: 'ASC',
      eventCountLimit: 5,
      perPage: 30,
    });
  });

  it('names an unknown parameter, linkType included, as a QueryParameterException', () => {
    expect(problemOf({ EQ_nonsense: '1' })).toEqual([400, 'unknown-query-parameter', 'EQ_nonsense']);
    expect(problemOf({ linkType: 'gs1:epcis' })).toEqual([400, 'unknown-query-parameter', 'linkType']);
    expect(problemOf({ maxEventCount: '10' })).toEqual([400, 'unknown-query-parameter', 'maxEventCount']);
  });

  it.each([
    ['GE_eventTime', 'yesterday'],
    ['LT_recordTime', '2026-02-30T00:00:00Z'],
    ['GE_recordTime', '2026-09-01T00:00:00'], // no offset
    ['orderBy', 'bizStep'],
    ['orderDirection', 'UP'],
    ['perPage', '0'],
    ['perPage', '1001'],
    ['eventCountLimit', '-1'],
    ['eventCountLimit', '1.5'],
    ['eventType', 'ObjectEvent|Nonsense'],
    ['EQ_action', 'MOVE'],
    ['EQ_bizStep', '|'],
  ])('refuses %s=%s naming it', (name, value) => {
    expect(problemOf({ [name]: value })).toEqual([400, 'invalid-query-parameter', name]);
  });

  it('refuses a single-valued parameter given twice', () => {
    expect(problemOf({ orderBy: ['eventTime', 'recordTime'] })).toEqual([
      400,
      'invalid-query-parameter',
      'orderBy',
    ]);
  });

  it('fingerprints the question, not its paging nor the order its parameters came in', () => {
    const a = readEventQuery({ EQ_bizStep: 'shipping', MATCH_epc: 'x', perPage: '5' });
    const b = readEventQuery({ MATCH_epc: 'x', EQ_bizStep: 'shipping', nextPageToken: 't' });
    const c = readEventQuery({ MATCH_epc: 'x', EQ_bizStep: 'receiving' });
    expect(queryFingerprint(a)).toBe(queryFingerprint(b));
    expect(queryFingerprint(a)).not.toBe(queryFingerprint(c));
  });
});
