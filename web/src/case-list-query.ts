import { infiniteQueryOptions } from '@tanstack/react-query';
import { CASE_STATUSES, REQUEST_TYPES } from '../../src/domain/vocabulary.js';
import { api, must } from './api/client';

const SORTS = ['-receivedAt', 'receivedAt', '-updatedAt'] as const;
export type Sort = (typeof SORTS)[number];

/** The case list's filters as the address holds them; only known values are passed on (it may have been edited by hand). */
export function caseListFilters(params: URLSearchParams) {
  const listOf = <T extends string>(key: string, known: readonly T[]) =>
    (params.get(key)?.split(',') ?? []).filter((v): v is T =>
      (known as readonly string[]).includes(v),
    );
  const status = listOf('status', CASE_STATUSES);
  const requestType = listOf('requestType', REQUEST_TYPES);
  const hasGag = params.get('hasGag') === 'true';
  const overdue = params.get('overdue') === 'true';
  const includeVoid = params.get('includeVoid') === 'true';
  const unit = /^[0-9a-f-]{36}$/i.test(params.get('unit') ?? '') ? params.get('unit') : null;
  const sort = (SORTS as readonly string[]).includes(params.get('sort') ?? '')
    ? (params.get('sort') as Sort)
    : '-receivedAt';
  const filters = {
    q: params.get('q') || undefined,
    status: status.length ? status : undefined,
    requestType: requestType.length ? requestType : undefined,
    hasGag: hasGag || undefined,
    overdue: overdue || undefined,
    includeVoid: includeVoid || undefined,
    unit: unit ?? undefined,
    sort,
  };
  return { filters, status, requestType, hasGag, overdue, includeVoid, unit, sort };
}

/** Pages of 50 along the keyset cursor; one definition for the page and the route's prefetch. */
export function caseListQuery(filters: ReturnType<typeof caseListFilters>['filters']) {
  return infiniteQueryOptions({
    queryKey: ['cases', filters],
    queryFn: ({ pageParam }) =>
      must(api.GET('/cases', { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
