// The OpenAPI 3.1 document, written from a route table so it lists exactly what is served.
import * as z from 'zod/mini';
import { ErrorBodySchema, type Route } from './route.js';

const jsonSchema = (schema: z.ZodMiniType) =>
  z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', target: 'draft-2020-12' });

export interface OpenApiOptions {
  title: string;
  serverUrl: string;
  /** OpenAPI security requirements per access level (`[]` for public). */
  security: Record<string, Array<Record<string, string[]>>>;
  /** The security schemes those requirements name. */
  securitySchemes: Record<string, unknown>;
}

export function openApiDocument(routes: readonly Route[], options: OpenApiOptions) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = r.params
      ? Object.keys((jsonSchema(r.params) as { properties?: object }).properties ?? {})
      : [];
    paths[path] ??= {};
    paths[path][r.method] = {
      summary: r.summary,
      operationId: `${r.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      security: options.security[r.access] ?? [],
      'x-access': r.access,
      parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } }
        : {}),
      responses: {
        '2XX': {
          description: 'Success',
          ...(r.response ? { content: { 'application/json': { schema: jsonSchema(r.response) } } } : {}),
        },
        default: {
          description: 'A typed error',
          content: { 'application/json': { schema: jsonSchema(ErrorBodySchema) } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: options.title, version: '1' },
    servers: [{ url: options.serverUrl }],
    paths,
    components: { securitySchemes: options.securitySchemes },
  };
}
