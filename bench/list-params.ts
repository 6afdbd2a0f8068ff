/** Minimal parsing of the list query string and the list SQL, shared by the raw server and the EXPLAIN step. */
import { buildCaseListQuery } from '../src/cases/cases.repository.js';
import type { ListCasesQuery } from '../src/cases/dto/list-cases.query.js';
import type { Cursor } from '../src/common/cursor.js';

export type Params = Record<string, string | undefined>;

const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : undefined);
const bool = (value: string | undefined) =>
  value === 'true' ? true : value === 'false' ? false : undefined;

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

/** The app's own list SQL (buildCaseListQuery), for the same user as our app's requests. */
export const caseListSql = (
  query: ListCasesQuery,
  cursor: Cursor | undefined,
  limit: number,
  now: Date,
  userId: string | null,
  // The bench user is on the board, which may read privileged files: the service's SQL for it.
) => buildCaseListQuery(query, cursor, limit, now, userId, true);
