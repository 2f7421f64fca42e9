import { DomainError } from '@ocop/contracts';
import type { FastifyInstance } from 'fastify';

/**
 * Fastify's JSON parser (with its prototype-poisoning protection) whose failures become a `malformed-json`
 * problem. Nest would otherwise turn Fastify's parse error into a generic 400 and the code would be lost.
 */
export function useProblemJsonParser(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (err, value) => {
      if (err) {
        done(
          new DomainError('malformed-json', 400, 'The request body is not valid JSON', err.message),
          undefined,
        );
      } else {
        done(null, value);
      }
    });
  });
}
