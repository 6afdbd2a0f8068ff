/**
 * Fields of a request that are given one way out of several, e.g. a reporting period as `year`,
 * as `half`, or as `from` and `to` together. The rule itself is checked where the value is used;
 * this records it so that the OpenAPI document can state it (`oneOf` over the required groups on a
 * request body, a sentence on an operation whose query takes these fields).
 */
export interface OneOfRule {
  groups: string[][];
  description: string;
}

const RULES: OneOfRule[] = [];

/** Class decorator: exactly one of these groups of fields is given, each group whole. */
export function OneOf(description: string, ...groups: string[][]): ClassDecorator {
  const rule = { groups, description };
  if (!RULES.some((r) => JSON.stringify(r.groups) === JSON.stringify(groups))) RULES.push(rule);
  return () => undefined;
}

/** The rules declared so far (by the DTO classes the application has loaded). */
export function oneOfRules(): readonly OneOfRule[] {
  return RULES;
}

/** Whether a set of field names holds every field of a rule (the rule applies to it). */
export function ruleApplies(rule: OneOfRule, fields: Iterable<string>): boolean {
  const have = new Set(fields);
  return rule.groups.every((group) => group.every((field) => have.has(field)));
}
