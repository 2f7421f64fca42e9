import { bilingual, Problems } from '@ocop/contracts';
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';

interface Visit {
  value: unknown;
  key: string | number;
  parent?: Visit;
}

function pathOf(visit: Visit): string {
  let path = '';
  for (let v: Visit | undefined = visit; v; v = v.parent) {
    path =
      typeof v.key === 'number' ? `[${v.key}]${path}` : v.parent ? `.${v.key}${path}` : `${v.key}${path}`;
  }
  return path;
}

/**
 * Where in a parsed body, query or path the first U+0000 is ("body.items[2].name"), or undefined. Walks every
 * level with its own stack rather than recursion: a NUL is refused however deep it sits, and no depth costs a
 * stack overflow. Paths are built only for the hit, so a large clean body costs one visit per value.
 */
export function findNul(value: unknown, path: string): string | undefined {
  const stack: Visit[] = [{ value, key: path }];
  while (stack.length) {
    const visit = stack.pop() as Visit;
    const v = visit.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return pathOf(visit);
      continue;
    }
    // Buffers are binary uploads; a stream is an upload its route reads (and checks) itself.
    if (v === null || typeof v !== 'object' || Buffer.isBuffer(v) || v instanceof Readable) continue;
    const children: Visit[] = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) children.push({ value: v[i], key: i, parent: visit });
    } else {
      for (const [key, item] of Object.entries(v)) {
        if (key.includes('\u0000')) return pathOf({ value: item, key, parent: visit });
        children.push({ value: item, key, parent: visit });
      }
    }
    // Reversed, so that the first NUL in document order is the one named.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
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
