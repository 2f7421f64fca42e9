/**
 * Collects named parameters while a TypeORM query builder's WHERE is assembled from optional parts, so that every
 * value is bound and none is spliced into SQL text.
 */
export class SqlParams {
  readonly values: Record<string, unknown> = {};
  private count = 0;

  /** Adds a value and returns its placeholder (:p1, :p2 …). */
  add(value: unknown): string {
    this.count += 1;
    this.values[`p${this.count}`] = value;
    return `:p${this.count}`;
  }
}
