import { bilingual, Problems } from '@ocop/contracts';
import type { FastifyInstance } from 'fastify';

/** Where in a parsed body, query or path the first U+0000 is ("body.items[2].name"), or undefined. */
export function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 32 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    const found = key.includes('\u0000') ? `${path}.${key}` : findNul(item, `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * PostgreSQL cannot store U+0000 in text, so a NUL that reached a query would be a 500. No person types one: it
 * is refused at the door, naming the field, for every route of every service.
 */
export function refuseNulCharacters(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const field =
      findNul(request.params, 'path') ?? findNul(request.query, 'query') ?? findNul(request.body, 'body');
    if (field) {
      throw Problems.invalidField(
        field.replace(/^(path|query|body)\./, ''),
        bilingual('không được chứa ký tự NUL (U+0000)', 'must not contain the NUL character (U+0000)'),
      );
    }
  });
}
