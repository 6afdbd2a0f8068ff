import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';

/**
 * The one way services open a transaction: everything inside `run` commits together or not at
 * all, on behalf of the actor named. Records that must accompany a write (the audit trail) are
 * added in the same transaction and name that actor.
 */
@Injectable()
export class UnitOfWork {
  private readonly actors = new WeakMap<EntityManager, Actor>();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(actor: Actor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => {
      this.actors.set(manager, actor);
      return work(manager);
    });
  }

  /**
   * A read-only transaction, for reads that must see one snapshot (reports). Nothing in it is
   * audited: it has no actor, and the audit trail refuses an event without one.
   */
  read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return work(manager);
    });
  }

  /** The actor a transaction was opened for (undefined: not opened by run). */
  actorOf(manager: EntityManager): Actor | undefined {
    return this.actors.get(manager);
  }
}
