import type { paths } from './api/schema';

/**
 * The case file as GET /cases/{id} sends it, exactly as the OpenAPI document describes it (the
 * generated client types): a documented field that changes or goes away fails the type check
 * of every screen that reads it.
 */
export type CaseFile = paths['/cases/{id}']['get']['responses'][200]['content']['application/json'];
