// The OpenAPI document is valid OpenAPI 3.1 and lists exactly the routes the app serves.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { engines } from './engines.js';
import { Client, startTestCloud, type TestCloud } from './harness.js';
import { OPENAPI_PATH } from '../src/app.js';

describe('OpenAPI document', () => {
  let t: TestCloud;
  before(async () => {
    t = await startTestCloud(engines()[0]!);
  });
  after(() => t.close());

  it(`is served at ${OPENAPI_PATH} and validates as OpenAPI 3.1`, async () => {
    const reply = await new Client(t.url).get(OPENAPI_PATH);
    assert.equal(reply.status, 200);
    const validator = new Validator();
    const result = await validator.validate(reply.body);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
    assert.equal(validator.version, '3.1');
  });

  it('lists every route of the table, with its access and a request schema where it takes a body', async () => {
    const doc = (await new Client(t.url).get(OPENAPI_PATH)).body;
    for (const r of t.cloud.routes) {
      const path = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method];
      assert.ok(op, `${r.method} ${path} is missing`);
      assert.equal(op['x-access'], r.access);
      assert.equal(Boolean(op.requestBody), Boolean(r.body), `${r.method} ${path} request body`);
    }
    const listed = Object.values(doc.paths as Record<string, object>).reduce(
      (n, ops) => n + Object.keys(ops).length,
      0,
    );
    assert.equal(listed, t.cloud.routes.length);
  });
});
