import pg from 'pg';
import type { EntityManager, EntityMetadata, FindOptionsOrder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { RecordBase } from '../database/record-base.js';

/** A record kind's SELECT, built once from the entity metadata, and how to hydrate its rows. */
interface ReadPlan {
  metadata: EntityMetadata;
  columns: ColumnMetadata[];
  /** `SELECT … FROM table t WHERE ` without the conditions and the ORDER BY. */
  select: string;
  orderBy: string;
  table: string;
  /** Every column as its text form (what the wire carries), for a JSON array per row. */
  textRow: string;
  /** The node-postgres parser of each column's type, as for a plain query. */
  parsers?: ((text: string) => unknown)[];
}

/** A scalar subquery read in the same batch, given a function that binds a parameter. */
export type ExtraRead = (bind: (value: unknown) => string) => string;

/** One kind's records to read in a batch: equality on columns, in the kind's order. */
export interface RecordRead<E extends RecordBase = RecordBase> {
  entity: new () => E;
  order: FindOptionsOrder<E>;
  where: Record<string, unknown>;
}

/** The conditions joined with AND; no condition (a kind read whole) matches every row. */
const whereSql = (conditions: string[]) => (conditions.length ? conditions.join(' AND ') : 'true');

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

type Direction = 'ASC' | 'DESC';
type OrderValue =
  | Direction
  | 'asc'
  | 'desc'
  | 1
  | -1
  | { direction?: Direction | 'asc' | 'desc'; nulls?: 'FIRST' | 'LAST' | 'first' | 'last' };

function orderSql(metadata: EntityMetadata, order: FindOptionsOrder<RecordBase>): string {
  const parts: string[] = [];
  for (const [property, raw] of Object.entries(order as Record<string, OrderValue>)) {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name}: no column for the order "${property}"`);
    const spec: { direction?: unknown; nulls?: string } =
      typeof raw === 'object' ? raw : { direction: raw };
    const direction =
      spec.direction === -1 || String(spec.direction).toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
    const nulls = spec.nulls ? ` NULLS ${spec.nulls.toUpperCase()}` : '';
    parts.push(`t.${quote(column.databaseName)} ${direction}${nulls}`);
  }
  return parts.length ? ` ORDER BY ${parts.join(', ')}` : '';
}

/**
 * Reads records by equality on their columns with SQL built once per record kind, hydrated the way
 * TypeORM's find hydrates them (the driver's prepareHydratedValue per column), without building a
 * query per call: a case file reads a dozen kinds per request, and building those queries was most
 * of its CPU time.
 */
export class RecordReader {
  private readonly plans = new Map<unknown, ReadPlan>();

  private plan(
    manager: EntityManager,
    entity: new () => RecordBase,
    order: FindOptionsOrder<RecordBase>,
  ): ReadPlan {
    let plan = this.plans.get(entity);
    if (!plan) {
      const metadata = manager.connection.getMetadata(entity);
      const columns = metadata.columns.filter((c) => c.isSelect && !c.isVirtual);
      const list = columns.map((c, i) => `t.${quote(c.databaseName)} AS c${i}`).join(', ');
      const table = metadata.schema
        ? `${quote(metadata.schema)}.${quote(metadata.tableName)}`
        : quote(metadata.tableName);
      plan = {
        metadata,
        columns,
        select: `SELECT ${list} FROM ${table} t WHERE `,
        orderBy: orderSql(metadata, order),
        table,
        textRow: `json_build_array(${columns.map((c) => `t.${quote(c.databaseName)}::text`).join(', ')})`,
      };
      this.plans.set(entity, plan);
    }
    return plan;
  }

  /**
   * Several kinds' records in one round trip: on node-postgres one statement with a JSON array per
   * kind, each value in its text form and parsed by the same parser a plain query would use, then
   * hydrated as list() does; elsewhere (the embedded database, where a round trip costs little)
   * one query per kind. Every write of a socket and every answer parsed costs CPU: a case file
   * read a dozen kinds in a dozen round trips.
   */
  async many(
    manager: EntityManager,
    reads: readonly RecordRead[],
    extras: readonly ExtraRead[] = [],
  ): Promise<{ records: RecordBase[][]; extras: unknown[] }> {
    const pool = (manager.connection.driver as unknown as { master?: unknown }).master;
    if (!(pool instanceof pg.Pool)) {
      const records: RecordBase[][] = [];
      for (const r of reads) records.push(await this.list(manager, r.entity, r.order, r.where));
      const values: unknown[] = [];
      for (const extra of extras) {
        const params: unknown[] = [];
        const sql = extra((value) => `$${params.push(value)}`);
        const [row] = (await manager.query(`SELECT ${sql} AS x`, params)) as { x: unknown }[];
        values.push(row.x);
      }
      return { records, extras: values };
    }
    const params: unknown[] = [];
    const bind = (value: unknown) => {
      const at = params.indexOf(value);
      if (at >= 0) return `$${at + 1}`;
      params.push(value);
      return `$${params.length}`;
    };
    const plans: ReadPlan[] = [];
    const selects: string[] = [];
    for (const [k, r] of reads.entries()) {
      const plan = this.plan(manager, r.entity, r.order as FindOptionsOrder<RecordBase>);
      plan.parsers ??= await this.parsersOf(pool, plan);
      plans.push(plan);
      const conditions = Object.entries(r.where).map(
        ([property, value]) =>
          `t.${quote(this.column(plan, property).databaseName)} = ${bind(value)}`,
      );
      selects.push(
        `(SELECT coalesce(json_agg(${plan.textRow}${plan.orderBy}), '[]') FROM ${plan.table} t WHERE ${whereSql(conditions)}) AS r${k}`,
      );
    }
    for (const [k, extra] of extras.entries()) selects.push(`${extra(bind)} AS x${k}`);
    const [row] = (await manager.query(`SELECT ${selects.join(', ')}`, params)) as Record<
      string,
      (string | null)[][]
    >[];
    const driver = manager.connection.driver;
    const records = plans.map((plan, k) =>
      row[`r${k}`].map((values) => {
        const record = plan.metadata.create(undefined, { fromDeserializer: true }) as RecordBase;
        plan.columns.forEach((column, i) => {
          const text = values[i];
          const value =
            text === null ? null : (plan.parsers as ((t: string) => unknown)[])[i](text);
          column.setEntityValue(record, driver.prepareHydratedValue(value, column));
        });
        return record;
      }),
    );
    return { records, extras: extras.map((_, k) => row[`x${k}`]) };
  }

  /** The type of each column as PostgreSQL describes it, and node-postgres's parser for it. */
  private async parsersOf(pool: pg.Pool, plan: ReadPlan): Promise<((text: string) => unknown)[]> {
    const result = await pool.query(`${plan.select}false`);
    return result.fields.map(
      (f) => pg.types.getTypeParser(f.dataTypeID, 'text') as (text: string) => unknown,
    );
  }

  private column(plan: ReadPlan, property: string): ColumnMetadata {
    const column = plan.metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${plan.metadata.name}: no column "${property}"`);
    return column;
  }

  /** The records whose columns equal `where` (by property name), in the kind's order. */
  async list<E extends RecordBase>(
    manager: EntityManager,
    entity: new () => E,
    order: FindOptionsOrder<E>,
    where: Record<string, unknown>,
  ): Promise<E[]> {
    const plan = this.plan(
      manager,
      entity as new () => RecordBase,
      order as FindOptionsOrder<RecordBase>,
    );
    const params: unknown[] = [];
    const conditions = Object.entries(where).map(([property, value]) => {
      params.push(value);
      return `t.${quote(this.column(plan, property).databaseName)} = $${params.length}`;
    });
    const rows = (await manager.query(
      plan.select + whereSql(conditions) + plan.orderBy,
      params,
    )) as Record<string, unknown>[];
    const driver = manager.connection.driver;
    return rows.map((row) => {
      const record = plan.metadata.create(undefined, { fromDeserializer: true }) as E;
      plan.columns.forEach((column, i) => {
        const value = row[`c${i}`];
        if (value === undefined) return;
        column.setEntityValue(record, driver.prepareHydratedValue(value, column));
      });
      return record;
    });
  }
}

/** Whether a lookup scope is plain column equality (what RecordReader can read). */
export function isPlainScope(scope: object): scope is Record<string, string | number | boolean> {
  return Object.values(scope).every(
    (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  );
}
