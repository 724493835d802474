// Proves the dependency direction of docs/architecture.md is enforced by lint,
// using the workspace's real eslint.config.mjs on a fixture workspace of tagged projects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/ws/', import.meta.url));
const eslint = new ESLint({ cwd: root, ignore: false });

async function boundaryErrors(file, code) {
  const [result] = await eslint.lintText(code, { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'workspace/module-boundaries').map((m) => m.message);
}
const at = (path) => join(fixture, path);

const forbidden = [
  [
    'schemas imports policy',
    'packages/schemas/src/a.ts',
    "import '@fx/policy';",
    /may not import @fx\/policy/,
  ],
  [
    'entitlements imports policy',
    'packages/entitlements/src/a.ts',
    "import '@fx/policy';",
    /layer:verify may only depend on layer:base/,
  ],
  [
    'policy imports entitlements',
    'packages/policy/src/a.ts',
    "export * from '@fx/entitlements';",
    /may not import @fx\/entitlements/,
  ],
  [
    'client imports policy',
    'packages/client/src/a.ts',
    "import('@fx/policy');",
    /may not import @fx\/policy/,
  ],
  [
    'widgets import entitlements',
    'packages/widgets/src/a.ts',
    "import { x } from '@fx/entitlements';",
    /may not import @fx\/entitlements/,
  ],
  ['core imports an app', 'packages/policy/src/a.ts', "import '@fx/cloud';", /may not import @fx\/cloud/],
  [
    'widgets import jose',
    'packages/widgets/src/a.ts',
    "import { jwtVerify } from 'jose';",
    /never verify tokens/,
  ],
  [
    'core imports a Node built-in',
    'packages/schemas/src/a.ts',
    "import { readFileSync } from 'node:fs';",
    /no Node built-ins/,
  ],
  [
    'core imports a bare built-in',
    'packages/policy/src/a.ts',
    "import crypto from 'crypto';",
    /no Node built-ins/,
  ],
  [
    'a relative import leaves the project',
    'packages/policy/src/a.ts',
    "import '../../schemas/src/index.js';",
    /leaves the project/,
  ],
  [
    'a deep import into src',
    'apps/cloud/src/a.ts',
    "import '@fx/policy/src/rules.js';",
    /reaches into the files/,
  ],
  ['an untagged project', 'apps/cloud/src/a.ts', "import '@fx/untagged';", /has no Nx tags/],
];

for (const [name, file, code, expected] of forbidden) {
  test(`lint refuses: ${name}`, async () => {
    const errors = await boundaryErrors(at(file), code);
    assert.equal(errors.length, 1, `expected one boundary error, got ${JSON.stringify(errors)}`);
    assert.match(errors[0], expected);
  });
}

const allowed = [
  ['policy imports schemas', 'packages/policy/src/a.ts', "import { x } from '@fx/schemas';"],
  [
    'entitlements imports schemas and jose',
    'packages/entitlements/src/a.ts',
    "import '@fx/schemas'; import 'jose';",
  ],
  [
    'widgets import schemas, policy and client',
    'packages/widgets/src/a.ts',
    "import '@fx/schemas'; import '@fx/policy'; import '@fx/client';",
  ],
  [
    'an app imports every library and Node',
    'apps/cloud/src/a.ts',
    "import '@fx/entitlements'; import '@fx/widgets'; import 'node:fs';",
  ],
  ['a core test uses node:test', 'packages/schemas/test/a.test.ts', "import { test } from 'node:test';"],
  ['a relative import inside the project', 'packages/policy/src/deep/a.ts', "import '../rules.js';"],
];
for (const [name, file, code] of allowed) {
  test(`lint allows: ${name}`, async () => {
    assert.deepEqual(await boundaryErrors(at(file), code), []);
  });
}

test('the real workspace: schemas may not import a tool project', async () => {
  const errors = await boundaryErrors(
    join(root, 'packages/schemas/src/wrong-way.ts'),
    "import rules from '@smartserver-licensing/eslint-rules';",
  );
  assert.equal(errors.length, 1);
  assert.match(
    errors[0],
    /@smartserver-licensing\/schemas .* may not import @smartserver-licensing\/eslint-rules/,
  );
});
