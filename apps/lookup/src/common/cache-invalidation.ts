import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { TaggedCache } from './tagged-cache';

/**
 * Drops cache entries touched by an event handler's transaction twice: at once, and again right after the commit.
 * A request between the two could have read the pre-commit rows and cached them; the second drop removes that.
 * (TypeORM tells subscribers about commits of the query runner the handler's manager belongs to.)
 */
@Injectable()
export class CacheInvalidation implements OnModuleInit, EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, Set<string>>();

  constructor(
    private readonly cache: TaggedCache,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Invalidates now and after the transaction of `manager` commits. `'*'` clears everything. */
  touch(manager: EntityManager, ...tagList: string[]): void {
    for (const tag of tagList) this.drop(tag);
    const runner = manager.queryRunner;
    if (!runner) return;
    let set = this.pending.get(runner);
    if (!set) this.pending.set(runner, (set = new Set()));
    for (const tag of tagList) set.add(tag);
  }

  afterTransactionCommit(event: { queryRunner: QueryRunner }): void {
    const set = this.pending.get(event.queryRunner);
    if (!set) return;
    this.pending.delete(event.queryRunner);
    for (const tag of set) this.drop(tag);
  }

  afterTransactionRollback(event: { queryRunner: QueryRunner }): void {
    this.pending.delete(event.queryRunner);
  }

  private drop(tag: string): void {
    if (tag === '*') this.cache.clear();
    else this.cache.invalidate(tag);
  }
}
