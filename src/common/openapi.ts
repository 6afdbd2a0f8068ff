import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { oneOfRules, ruleApplies } from './one-of.js';

/** The groups of operations, in the order a reader meets them. */
const TAGS: Record<string, string> = {
  auth: 'Sign-in, sign-out, your account and your API tokens.',
  users: 'Accounts and roles (admins).',
  cases: 'Cases: log, list, search, read the whole case file, change, move through the statuses.',
  'case members': 'Who may see a restricted case.',
  deadlines: 'Open deadlines across cases.',
  authorities: 'The directory of authorities.',
  inventory: "The organisation's own systems and services.",
  reports: 'Transparency reports as data and draft PDFs.',
  publications: 'Publishing statements and transparency reports as immutable snapshots.',
  public: 'What anyone may read without signing in: publications and the public page.',
  audit: 'The audit trail, its verification, signed checkpoints and proofs.',
  health: 'Whether the service and its database are up.',
};

type Operation = {
  tags?: string[];
  description?: string;
  responses: Record<string, unknown>;
  security?: unknown[];
  parameters?: { in: string; name: string; schema?: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
  'x-access'?: { public?: boolean };
};
type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  required?: string[];
  additionalProperties?: boolean;
};

/**
 * What the generator cannot infer from the decorators: where the API is served, its licence,
 * described tags, `security: []` on public operations, `format: uuid` on id path parameters,
 * comma-separated query lists, the 400 every route gives a malformed URL, the 503 of a full
 * disk, `additionalProperties: false` on request bodies (unknown fields are refused), and the
 * one-of rules (`@OneOf`): `oneOf` over the required groups of a body schema, a sentence on an
 * operation whose query takes the fields (OpenAPI cannot relate separate query parameters).
 */
export function refineDocument(doc: OpenAPIObject): OpenAPIObject {
  doc.servers = [{ url: '/', description: 'This service' }];
  doc.info.license = {
    name: 'AGPL-3.0-or-later',
    url: 'https://www.gnu.org/licenses/agpl-3.0.html',
  };
  const used = new Set<string>();
  const strict = new Set<string>();
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item as Record<string, Operation>)) {
      if (typeof op !== 'object' || op === null || !('responses' in op)) continue;
      for (const tag of op.tags ?? []) used.add(tag);
      if (op['x-access']?.public) op.security = [];
      // Any route may have to write (an audit record at least): with the database's storage full,
      // it answers 503 and saves nothing.
      op.responses['503'] ??= {
        description: 'Service unavailable: the database cannot write (its storage is full).',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      };
      // Any route answers a URL it cannot decode (e.g. "%") with a 400 problem.
      if (!Object.keys(op.responses).some((status) => status.startsWith('4'))) {
        op.responses['400'] = {
          description: 'The request URL is malformed.',
          content: {
            'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
          },
        };
      }
      const queryFields = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      for (const rule of oneOfRules()) {
        if (ruleApplies(rule, queryFields) && !op.description?.includes(rule.description))
          op.description = [op.description, rule.description].filter(Boolean).join('\n\n');
      }
      for (const param of op.parameters ?? []) {
        // Lists in a query are comma-separated: ?status=received,closed
        if (param.in === 'query' && param.schema?.type === 'array')
          Object.assign(param, { style: 'form', explode: false });
        if (
          param.in === 'path' &&
          /^(id|\w+Id)$/.test(param.name) &&
          param.schema?.type === 'string'
        )
          param.schema.format = 'uuid';
      }
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        const ref = media.schema?.$ref;
        if (ref) strict.add(ref.replace('#/components/schemas/', ''));
      }
    }
  }
  doc.tags = [...used].map((name) => ({
    name,
    description: TAGS[name] ?? `The ${name} of a case.`,
  }));
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  const seen = new Set<string>();
  const markStrict = (name: string) => {
    const schema = schemas[name];
    if (!schema || seen.has(name)) return;
    seen.add(name);
    if (schema.properties) schema.additionalProperties = false;
    const walk = (s: Schema | undefined) => {
      if (!s) return;
      if (s.$ref) markStrict(s.$ref.replace('#/components/schemas/', ''));
      walk(s.items);
      for (const sub of s.allOf ?? []) walk(sub);
      for (const prop of Object.values(s.properties ?? {})) walk(prop);
    };
    walk(schema);
  };
  for (const name of strict) markStrict(name);
  for (const schema of Object.values(schemas)) {
    for (const rule of oneOfRules()) {
      if (schema.properties && ruleApplies(rule, Object.keys(schema.properties)))
        schema.oneOf = rule.groups.map((group) => ({ required: group }));
    }
  }
  return doc;
}

/**
 * What the HTTP layer answers before a route runs: the same for every POST, PUT and PATCH, since
 * a body sent is parsed even where the route takes none.
 */
const BODY_PROBLEMS: Record<string, string> = {
  400: 'The body is not valid JSON.',
  413: 'The body is larger than the limit.',
  415: 'The body is not JSON (send Content-Type: application/json).',
};
/** …and for every route with a path parameter (the router's limit, 100 characters). */
const PARAMETER_PROBLEMS: Record<string, string> = {
  414: 'A path parameter is longer than the router accepts.',
};

/** Adds the HTTP layer's problem responses to each route they can come from. */
function documentHttpProblems(doc: OpenAPIObject): OpenAPIObject {
  const problem = {
    'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
  };
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = operations[method];
      if (!op) continue;
      const problems = {
        ...(method === 'get' || method === 'delete' ? {} : BODY_PROBLEMS),
        ...(path.includes('{') ? PARAMETER_PROBLEMS : {}),
      };
      for (const [status, description] of Object.entries(problems))
        op.responses[status] ??= { description, content: problem };
    }
  }
  return doc;
}

export function buildOpenApiDocument(app: NestFastifyApplication) {
  const config = new DocumentBuilder()
    .setTitle('Seizure case tracker')
    .setDescription(
      'Records law-enforcement requests and seizures: authorities, legal bases, scope, affected systems, ' +
        'disclosures, seized items, timeline, deadlines and confidentiality. Every error is an RFC 9457 ' +
        'problem (application/problem+json). Sign in with POST /auth/sign-in and send the token as a bearer token.',
    )
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque (sct_…)',
      description: 'A token from POST /auth/sign-in or POST /auth/tokens.',
    })
    .build();
  return documentHttpProblems(refineDocument(SwaggerModule.createDocument(app, config)));
}

/** Serves the OpenAPI document at /openapi.json and Swagger UI at /docs. */
export function setupOpenApi(app: NestFastifyApplication) {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
