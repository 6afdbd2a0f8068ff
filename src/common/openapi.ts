import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

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
  return SwaggerModule.createDocument(app, config);
}

/** Serves the OpenAPI document at /openapi.json and Swagger UI at /docs. */
export function setupOpenApi(app: NestFastifyApplication) {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}
