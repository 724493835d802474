// The OpenAPI 3.1 document, written from the route table so it lists exactly what is served.
import * as z from 'zod/mini';
import { ErrorBodySchema, type Route } from './route.js';

const jsonSchema = (schema: z.ZodMiniType) =>
  z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', target: 'draft-2020-12' });

const SECURITY: Record<Route['access'], Array<Record<string, string[]>>> = {
  public: [],
  partner: [{ session: [], csrf: [] }],
  support: [{ session: [], csrf: [] }],
  customer: [{ session: [], csrf: [] }],
  smartserver: [{ smartServerId: [], smartServerSecret: [] }],
};

export function openApiDocument(routes: readonly Route[], serverUrl: string) {
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
      security: SECURITY[r.access],
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
    info: { title: 'SmartServer license cloud', version: '1' },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'lc_session' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        smartServerId: { type: 'apiKey', in: 'header', name: 'x-smartserver-id' },
        smartServerSecret: { type: 'apiKey', in: 'header', name: 'x-smartserver-secret' },
      },
    },
  };
}
