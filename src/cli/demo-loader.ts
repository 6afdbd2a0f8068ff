/**
 * Loads the demo data through the HTTP API (in-process), so that every validation and business
 * rule applies exactly as for a user. Nothing here touches the database directly.
 */
import {
  DEMO_AUTHORITIES,
  DEMO_CASES,
  DEMO_INVENTORY,
  DEMO_REFERENCES,
  DEMO_UNITS,
  type DemoCase,
} from './demo-data.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH';

/** One API call: the status code and the parsed JSON body (null when there is none). */
export type InjectFn = (
  method: HttpMethod,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ statusCode: number; json: unknown }>;

/** What Fastify's `inject` offers (the app's `getHttpAdapter().getInstance()`). */
export interface InjectTarget {
  inject(options: {
    method: HttpMethod;
    url: string;
    payload?: object;
    headers?: Record<string, string>;
  }): PromiseLike<{ statusCode: number; body: string }>;
}

/** An InjectFn over a Fastify instance, without a network port, signed in with `token`. */
export function injectInto(fastify: InjectTarget, token: string): InjectFn {
  return async (method, url, body, headers = {}) => {
    const res = await fastify.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return {
      statusCode: res.statusCode,
      json: res.body ? (JSON.parse(res.body) as unknown) : null,
    };
  };
}

/** A call answered with an error status; `problem` is the response body (RFC 9457 problem details). */
export class DemoLoadError extends Error {
  constructor(
    readonly method: HttpMethod,
    readonly url: string,
    readonly statusCode: number,
    readonly problem: unknown,
  ) {
    super(`${method} ${url} answered ${statusCode}: ${JSON.stringify(problem, null, 2)}`);
    this.name = 'DemoLoadError';
  }
}

export interface DemoLoadResult {
  /** True when demo cases were found and nothing was written. */
  alreadyLoaded: boolean;
  /** Case id by reference: the created cases, or those found when already loaded. */
  cases: Record<string, string>;
  /** Demo references not found when already loaded (a partial earlier load, or a reference taken by another case). */
  missing: string[];
  authoritiesCreated: number;
  inventoryCreated: number;
}

interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}
interface Named {
  id: string;
  name: string;
}

/**
 * Loads the demo authorities, inventory and cases. When any demo reference already exists,
 * nothing is written. Authorities and inventory items that already exist under the same name are
 * reused rather than duplicated, so a run that failed half-way can be repeated.
 */
export async function loadDemoData(
  inject: InjectFn,
  /** Calls as an admin, who may create the organisation's units; without it cases get no unit. */
  unitsInject?: InjectFn,
): Promise<DemoLoadResult> {
  const call = async <T>(
    method: HttpMethod,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> => {
    const res = await inject(method, url, body, headers);
    if (res.statusCode >= 400) throw new DemoLoadError(method, url, res.statusCode, res.json);
    return res.json as T;
  };

  const existing = await findCases(call, DEMO_REFERENCES);
  if (Object.keys(existing).length > 0) {
    return {
      alreadyLoaded: true,
      cases: existing,
      missing: DEMO_REFERENCES.filter((r) => !(r in existing)),
      authoritiesCreated: 0,
      inventoryCreated: 0,
    };
  }

  let authoritiesCreated = 0;
  const authorityIds = new Map<string, string>();
  for (const authority of DEMO_AUTHORITIES) {
    const query = new URLSearchParams({ q: authority.name, country: authority.country });
    const found = (await call<Page<Named>>('GET', `/authorities?${query}`)).items.find(
      (a) => a.name === authority.name,
    );
    const id = found?.id ?? (await call<Named>('POST', '/authorities', authority)).id;
    if (!found) authoritiesCreated++;
    authorityIds.set(authority.name, id);
  }

  let inventoryCreated = 0;
  const inventory = new Map(
    (await call<Page<Named>>('GET', '/inventory')).items.map((i) => [i.name, i.id]),
  );
  const inventoryIds = new Map<string, string>();
  for (const item of DEMO_INVENTORY) {
    let id = inventory.get(item.name);
    if (!id) {
      id = (await call<Named>('POST', '/inventory', item)).id;
      inventoryCreated++;
    }
    inventoryIds.set(item.name, id);
  }

  const unitIds = await loadUnits(call, unitsInject);

  const resolve = (ids: Map<string, string>, what: string) => (name: string | undefined) => {
    if (name === undefined) return undefined;
    const id = ids.get(name);
    if (!id) throw new Error(`Demo data refers to an unknown ${what}: ${name}`);
    return id;
  };
  const cases: Record<string, string> = {};
  for (const demo of DEMO_CASES) {
    cases[demo.reference] = await loadCase(
      call,
      demo,
      resolve(authorityIds, 'authority'),
      resolve(inventoryIds, 'inventory item'),
      unitIds,
    );
  }
  return { alreadyLoaded: false, cases, missing: [], authoritiesCreated, inventoryCreated };
}

type Call = <T>(
  method: HttpMethod,
  url: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<T>;
type Resolve = (name: string | undefined) => string | undefined;

/** Case ids by reference for those of `references` that exist; pages through the list sorted by reference. */
async function findCases(
  call: Call,
  references: readonly string[],
): Promise<Record<string, string>> {
  const wanted = new Set(references);
  const found: Record<string, string> = {};
  let cursor: string | null | undefined;
  do {
    const query = new URLSearchParams({
      sort: 'reference',
      limit: '100',
      ...(cursor ? { cursor } : {}),
    });
    const page = await call<Page<{ id: string; reference: string }>>('GET', `/cases?${query}`);
    for (const c of page.items) if (wanted.has(c.reference)) found[c.reference] = c.id;
    cursor = page.nextCursor;
  } while (cursor && Object.keys(found).length < wanted.size);
  return found;
}

/** The demo units (GET /units, created as admin when missing); ids by name, empty without an admin. */
async function loadUnits(call: Call, unitsInject?: InjectFn): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (!unitsInject) return ids;
  const existing = await call<Page<Named & { parentId: string | null }>>('GET', '/units');
  for (const unit of DEMO_UNITS) {
    const parentId = unit.parent ? ids.get(unit.parent) : null;
    const found = existing.items.find(
      (u) => u.name === unit.name && (u.parentId ?? null) === (parentId ?? null),
    );
    if (found) {
      ids.set(unit.name, found.id);
      continue;
    }
    const res = await unitsInject('POST', '/units', { name: unit.name, kind: unit.kind, parentId });
    if (res.statusCode >= 400) throw new DemoLoadError('POST', '/units', res.statusCode, res.json);
    ids.set(unit.name, (res.json as Named).id);
  }
  return ids;
}

async function loadCase(
  call: Call,
  demo: DemoCase,
  authority: Resolve,
  inventoryItem: Resolve,
  units: Map<string, string>,
): Promise<string> {
  const unitId = demo.unit ? units.get(demo.unit) : undefined;
  const created = await call<{ id: string }>('POST', '/cases', {
    reference: demo.reference,
    ...demo.fields,
    ...(unitId ? { unitId } : {}),
    authorities: demo.authorities.map(({ authority: name, ...rest }) => ({
      ...rest,
      authorityId: authority(name),
    })),
  });
  const base = `/cases/${created.id}`;
  const post = (path: string, body: object) => call('POST', `${base}/${path}`, body);

  const legalBasisIds: string[] = [];
  for (const { authority: name, ...rest } of demo.legalBases) {
    const basis = (await post('legal-bases', {
      ...rest,
      ...(name ? { authorityId: authority(name) } : {}),
    })) as Named;
    legalBasisIds.push(basis.id);
  }
  for (const { legalBasis, orderedBy, executedBy, ...rest } of demo.measures) {
    await post('measures', {
      ...rest,
      ...(legalBasis !== undefined ? { legalBasisId: legalBasisIds[legalBasis] } : {}),
      ...(orderedBy ? { orderedById: authority(orderedBy) } : {}),
      ...(executedBy ? { executedById: authority(executedBy) } : {}),
    });
  }
  // Without an inventory item the API matches the target against the inventory by itself.
  for (const { inventoryItem: name, ...rest } of demo.targets) {
    await post('targets', { ...rest, ...(name ? { inventoryItemId: inventoryItem(name) } : {}) });
  }
  for (const { inventoryItem: name, ...rest } of demo.affectedSystems) {
    await post('affected-systems', { ...rest, inventoryItemId: inventoryItem(name) });
  }
  for (const { recipientAuthority: name, ...rest } of demo.disclosures) {
    await post('disclosures', {
      ...rest,
      ...(name ? { recipientAuthorityId: authority(name) } : {}),
    });
  }
  for (const { inventoryItem: name, ...rest } of demo.seizedItems) {
    await post('seized-items', {
      ...rest,
      ...(name ? { inventoryItemId: inventoryItem(name) } : {}),
    });
  }
  for (const event of demo.timeline) await post('timeline', event);
  for (const deadline of demo.deadlines) await post('deadlines', deadline);
  for (const gag of demo.gagOrders) await post('gag-orders', gag);

  if (demo.conclusion) {
    const current = await call<{ version: number }>('GET', base);
    await call('PATCH', base, demo.conclusion, { 'if-match': `"${current.version}"` });
  }
  for (const change of demo.statusChanges) await call('POST', `${base}/status`, change);
  return created.id;
}
