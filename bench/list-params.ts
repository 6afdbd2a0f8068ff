/** Minimal parsing of the list query string, shared by the raw server and the EXPLAIN step. */
import type { ListCasesQuery } from '../src/cases/dto/list-cases.query.js';

export type Params = Record<string, string | undefined>;

const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : undefined);
const bool = (value: string | undefined) => (value === 'true' ? true : value === 'false' ? false : undefined);

export function parseListParams(params: Params): ListCasesQuery {
  return {
    status: list(params.status),
    requestType: list(params.requestType),
    authorityId: params.authorityId,
    country: params.country,
    receivedFrom: params.receivedFrom,
    receivedTo: params.receivedTo,
    hasGag: bool(params.hasGag),
    overdue: bool(params.overdue),
    q: params.q,
    sort: params.sort,
  } as ListCasesQuery;
}

export const pageLimit = (params: Params) => Math.min(Number(params.limit) || 50, 100);
