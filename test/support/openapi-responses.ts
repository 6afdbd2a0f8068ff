import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Response } from 'superagent';

/**
 * Checks that a response is the one the OpenAPI document promises: its route and status are
 * documented, and a JSON body matches the schema documented for that status and content type.
 */

type Schema = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Responses no route documents, each with its reason. */
const NOT_DOCUMENTED: {
  method?: string;
  path: RegExp;
  status?: number;
  problemType?: string;
  reason: string;
}[] = [
  {
    path: /^\/(docs|openapi\.(json|yaml))(\/|$)/,
    reason: 'the OpenAPI document and Swagger UI describe the API; they are not part of it',
  },
  {
    path: /./,
    status: 500,
    problemType: 'urn:problem-type:template-error',
    reason:
      "a template that parses but names an unknown variable fails its request: the operator's " +
      'error (one that does not parse stops the service at start-up); tests cause it on purpose',
  },
];

/**
 * OpenAPI 3.0 marks null with `nullable: true`; JSON Schema adds null to the accepted values. An
 * object schema with properties documents all of them: a field it does not list is drift.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, ...rest } = node as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    out[key] =
      key === 'properties' ? mapValues(value as Schema, toJsonSchema) : toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined && out.type === 'object')
    out.additionalProperties = false;
  if (out.properties && out.type === undefined) {
    out.type = 'object';
    if (out.additionalProperties === undefined) out.additionalProperties = false;
  }
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

const mapValues = (o: Schema, f: (v: unknown) => unknown) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

interface Route {
  template: string;
  pattern: RegExp;
  /** Fewer parameters first, so /cases/deadlines wins over /cases/{id}. */
  params: number;
  operations: Record<string, Operation>;
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    (addFormatsModule as unknown as (ajv: Ajv) => void)(this.ajv);
    this.ajv.addSchema(
      { $id: 'openapi', components: toJsonSchema(doc.components ?? {}) },
      'openapi',
    );
    this.routes = Object.entries(doc.paths)
      .map(([template, operations]) => ({
        template,
        operations,
        params: (template.match(/\{/g) ?? []).length,
        pattern: new RegExp(
          `^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`,
        ),
      }))
      .sort((a, b) => a.params - b.params);
  }

  /** The problem with this response, or undefined when it is the documented one. */
  check(method: string, url: string, res: Pick<Response, 'status' | 'body' | 'headers' | 'text'>) {
    // The path as sent: URL parsing would resolve %2e%2e segments the server does not.
    const path = url.replace(/^[a-z]+:\/\/[^/]+/i, '').split(/[?#]/)[0] || '/';
    const what = `${method} ${path} → ${res.status}`;
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    const json = /^application\/(.+\+)?json$/.test(type);
    // A test that reads the body as bytes (PDFs) has a Buffer here, whatever the content type.
    const body: unknown =
      json && Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body;
    const allowed = NOT_DOCUMENTED.find(
      (a) =>
        a.path.test(path) &&
        (a.method ?? method) === method &&
        (a.status ?? res.status) === res.status &&
        (a.problemType === undefined || (body as { type?: unknown })?.type === a.problemType),
    );
    if (allowed) return undefined;
    const route = this.routes.find(
      (r) => r.pattern.test(path) && r.operations[method.toLowerCase()],
    );
    if (!route) {
      // No route: the router's own problem for an unknown address (404), a known one with another
      // method (405) or one it cannot decode (400: broken percent-encoding).
      if ([400, 404, 405].includes(res.status)) return undefined;
      return `${what}: the route is not documented`;
    }
    const operation = route.operations[method.toLowerCase()];
    const response = operation.responses[String(res.status)] ?? operation.responses.default;
    if (!response) return `${what}: status ${res.status} is not documented for ${route.template}`;
    if (!json) return undefined;
    const content = response.content?.[type];
    if (!content?.schema)
      return `${what}: no ${type} body is documented for ${route.template} (${Object.keys(response.content ?? {}).join(', ') || 'no body'})`;
    const key = `${method} ${route.template} ${res.status} ${type}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(this.resolveRefs(content.schema)) as Schema);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 8)
      .map(
        (e) =>
          `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
      );
    return `${what}: the body does not match the documented schema of ${route.template}:\n  ${errors.join('\n  ')}`;
  }

  /** References point into the document's components, registered under the id "openapi". */
  private resolveRefs(node: unknown): unknown {
    if (Array.isArray(node)) return node.map((n) => this.resolveRefs(n));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#/')
          ? `openapi${v}`
          : this.resolveRefs(v),
      ]),
    );
  }
}
