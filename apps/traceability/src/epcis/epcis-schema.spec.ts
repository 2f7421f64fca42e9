import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { epcisSchemaProblems, eventsOf } from './epcis-schema';

const EXAMPLES = join(__dirname, '../../test/epcis-examples');
const example = (name: string) => JSON.parse(readFileSync(join(EXAMPLES, name), 'utf8'));

describe('EPCIS 2.0 JSON Schema', () => {
  it('accepts all 47 of GS1’s example documents', () => {
    const files = readdirSync(EXAMPLES);
    expect(files).toHaveLength(47);
    for (const file of files) expect([file, epcisSchemaProblems(example(file))]).toEqual([file, []]);
  });

  it('names the event and field of each error, the most specific one per event', () => {
    const doc = example('Example_9.6.1-ObjectEvent.jsonld');
    doc.epcisBody.eventList[1].bizStep = 42;
    doc.epcisBody.eventList[1].eventTime = 'yesterday';
    doc.epcisBody.eventList[0].quantityList = [
      { epcClass: 'urn:epc:class:lgtin:4012345.012345.998877', uom: 'kilo' },
    ];
    expect(epcisSchemaProblems(doc)).toEqual([
      expect.objectContaining({ eventIndex: 0, field: 'quantityList[0].uom', code: 'schema-pattern' }),
      expect.objectContaining({
        eventIndex: 1,
        eventID: doc.epcisBody.eventList[1].eventID,
        field: expect.stringMatching(/^(bizStep|eventTime)$/),
      }),
    ]);
  });

  it('reports document-level errors, and validates single events with their @context', () => {
    const doc = example('Example_9.6.2-ObjectEvent.jsonld');
    delete doc.epcisBody;
    expect(epcisSchemaProblems(doc).map((p) => p.eventIndex)).toEqual([undefined]);
    const [event] = eventsOf(example('Example_9.6.2-ObjectEvent.jsonld'));
    expect(epcisSchemaProblems(event, true)[0]).toMatchObject({ eventIndex: 0, code: 'schema-required' });
    expect(
      epcisSchemaProblems(
        { '@context': 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld', ...event },
        true,
      ),
    ).toEqual([]);
  });
});
