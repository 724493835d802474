// `npm start`: builds the workspace, then shows what it holds. Until the reference
// services exist (issues 6 and 7), this is a guided tour of the built packages.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_USE_LOCAL: 'true', NX_DAEMON: 'false' };

console.log('Building the workspace (nx run-many -t build)…');
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (build.status !== 0) {
  console.error(`\nThe build failed (exit ${build.status ?? build.signal}); see the output above.`);
  process.exit(build.status ?? 1);
}

console.log('\nPackages in this workspace:');
for (const folder of ['packages', 'apps']) {
  const base = join(root, folder);
  if (!existsSync(base)) continue;
  for (const name of readdirSync(base).sort()) {
    const manifest = join(base, name, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    const built = existsSync(join(base, name, 'dist')) ? 'built' : 'not built';
    console.log(`  ${pkg.name.padEnd(38)} ${built.padEnd(10)} ${pkg.description ?? ''}`);
  }
}

// A taste of the SDK, from what was just built.
const schemas = await import('@smartserver-licensing/schemas');
console.log('\nLicense models the SDK knows:');
for (const model of schemas.MODEL_NUMBERS) {
  const entry = schemas.LICENSE_MODELS[model];
  const detail = entry.kind === 'core' ? 'SmartServer Pi core functions' : `${entry.capacity} devices`;
  console.log(`  ${model.padEnd(14)} ${entry.kind.padEnd(12)} ${detail.padEnd(30)} ${entry.title}`);
}
const bad = schemas.parseCustomerId('P2022-0208');
console.log(
  `\nBad input gets a typed error: parseCustomerId('P2022-0208') -> ${bad.ok ? 'ok' : `${bad.error.code}: ${bad.error.message}`}`,
);
console.log(
  '\nNext: `npm test` runs lint, typecheck and every test (Node and Chromium); `npm run storybook` opens the widget catalogue.',
);
