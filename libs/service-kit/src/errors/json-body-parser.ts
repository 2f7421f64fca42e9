import { bilingual, DomainError } from '@ocop/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * How deep arrays and objects may nest in a request body. The deepest document the platform reads (an EPCIS
 * capture with its extensions) nests about a dozen levels; past this, the body is refused before it is parsed,
 * because every step after the parse (validation, class-transformer, the NUL guard) walks the whole tree and a
 * few kilobytes of brackets would otherwise cost a stack overflow (a 500) or far more work than the body's size.
 */
export const MAX_JSON_DEPTH = 64;

const bodyTooDeep = () =>
  new DomainError(
    'body-too-deep',
    400,
    bilingual('Nội dung yêu cầu lồng quá sâu', 'The request body is nested too deeply'),
    bilingual(
      `mảng và đối tượng lồng nhau tối đa ${MAX_JSON_DEPTH} cấp`,
      `arrays and objects nest at most ${MAX_JSON_DEPTH} levels`,
    ),
    { maxDepth: MAX_JSON_DEPTH },
  );

const malformedJson = (detail: string) =>
  new DomainError('malformed-json', 400, 'The request body is not valid JSON', detail);

/**
 * Whether JSON text nests arrays and objects deeper than `limit`: one pass over the characters, strings skipped,
 * stopping at the first bracket past the limit. Malformed text is left for the parser to name.
 */
export function jsonDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: jump to its closing quote, past escaped characters.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

type Done = (err: Error | null, value?: unknown) => void;

/**
 * Fastify's JSON parser (with its prototype-poisoning protection) behind the depth limit, whose failures become
 * `malformed-json` or `body-too-deep` problems. Every JSON media type a service reads goes through it
 * (application/json here, EPCIS's application/ld+json in traceability).
 */
export function problemJsonParser(
  fastify: FastifyInstance,
): (request: FastifyRequest, body: string, done: Done) => void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    if (jsonDeeperThan(body, MAX_JSON_DEPTH)) return done(bodyTooDeep(), undefined);
    parse(request, body, (err, value) =>
      err ? done(malformedJson(err.message), undefined) : done(null, value),
    );
  };
}

/**
 * Replaces Fastify's application/json parser with problemJsonParser. Nest would otherwise turn Fastify's parse
 * error into a generic 400 and the code would be lost.
 */
export function useProblemJsonParser(fastify: FastifyInstance): void {
  const parse = problemJsonParser(fastify);
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    parse(request, body as string, done),
  );
}
