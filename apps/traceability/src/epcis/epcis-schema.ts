import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schema from './schema/EPCIS-JSON-Schema.json';

/** What is wrong with one place of a captured document: which event (by position and id) and which field. */
export interface EpcisProblem {
  /** Position in the document's event list, from 0; absent for the document's own fields. */
  eventIndex?: number;
  eventID?: string;
  /** Path inside the event (or the document), e.g. "bizStep", "epcList[2]", "quantityList[0].uom". */
  field: string;
  code: string;
  message: string;
}

const WRAPPERS = new Set(['if', 'then', 'else', 'anyOf', 'allOf', 'oneOf', 'not']);
const EVENT_PATH = /^\/epcisBody\/(?:eventList|queryResults\/resultsBody\/eventList)\/(\d+)(.*)$/;

let validators: { fast: ValidateFunction; detailed: ValidateFunction } | undefined;

/**
 * GS1's EPCIS 2.0 JSON Schema, compiled once (about half a second). The fast validator stops at the first error;
 * only an invalid document is validated again in full, to report every event that is wrong.
 */
function compiled() {
  if (!validators) {
    const make = (allErrors: boolean) => {
      // strict: false, because the schema uses keywords (e.g. "format" on non-strings) that strict mode refuses.
      const ajv = new Ajv({ strict: false, allErrors });
      addFormats(ajv);
      return ajv.compile(schema);
    };
    validators = { fast: make(false), detailed: make(true) };
  }
  return validators;
}

/** JSON pointer segments as a readable path: /epcList/3/uom → epcList[3].uom. */
function readablePath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce(
      (path, segment) =>
        /^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment,
      '',
    );
}

function describe(errors: ErrorObject[]): { code: string; message: string } {
  const messages = [
    ...new Set(
      errors.map((e) =>
        e.keyword === 'additionalProperties'
          ? `${e.message}: ${String(e.params['additionalProperty'])}`
          : (e.message ?? e.keyword),
      ),
    ),
  ];
  return { code: `schema-${errors[0].keyword}`, message: messages.join('; or ') };
}

/**
 * Problems of an EPCIS document (or of a single event when `singleEvent`) against the schema: one per event at
 * fault (its most specific error), plus the document's own; empty when valid.
 */
export function epcisSchemaProblems(document: unknown, singleEvent = false): EpcisProblem[] {
  const { fast, detailed } = compiled();
  if (fast(document)) return [];
  detailed(document);
  const leaves = (detailed.errors ?? []).filter((e) => !WRAPPERS.has(e.keyword));
  const byPlace = new Map<string, { eventIndex?: number; path: string; errors: ErrorObject[] }>();
  for (const error of leaves) {
    const match = singleEvent ? ['', '0', error.instancePath] : EVENT_PATH.exec(error.instancePath);
    const eventIndex = match ? Number(match[1]) : undefined;
    const path = match ? match[2] : error.instancePath;
    const place = String(eventIndex ?? 'document');
    const current = byPlace.get(place);
    // Keep the deepest path per event: it names the field, where the shallower errors only say "not an event".
    if (!current || path.length > current.path.length)
      byPlace.set(place, { eventIndex, path, errors: [error] });
    else if (path === current.path) current.errors.push(error);
  }
  const events = eventsOf(document, singleEvent);
  return [...byPlace.values()]
    .sort((a, b) => (a.eventIndex ?? -1) - (b.eventIndex ?? -1))
    .map(({ eventIndex, path, errors }) => {
      const eventID = eventIndex !== undefined ? events[eventIndex]?.['eventID'] : undefined;
      return {
        ...(eventIndex !== undefined ? { eventIndex } : {}),
        ...(typeof eventID === 'string' ? { eventID } : {}),
        field: readablePath(path) || (eventIndex !== undefined ? 'event' : 'document'),
        ...describe(errors),
      };
    });
}

/** The events a document carries: an EPCISDocument's event list, or a query document's results. */
export function eventsOf(document: unknown, singleEvent = false): Record<string, unknown>[] {
  if (singleEvent) return [document as Record<string, unknown>];
  const body = (document as { epcisBody?: Record<string, unknown> })?.epcisBody;
  const list =
    (body?.['eventList'] as unknown) ??
    ((body?.['queryResults'] as { resultsBody?: { eventList?: unknown } } | undefined)?.resultsBody
      ?.eventList as unknown);
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

export const validateEpcisDocument = (document: unknown): boolean => compiled().fast(document);
