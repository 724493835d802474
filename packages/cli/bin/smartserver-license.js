#!/usr/bin/env node
// Launcher for the built command. It is committed (dist is not) so that `npm ci` can link
// the `smartserver-license` bin at install time, before anything is built.
try {
  await import('../dist/main.js');
} catch (cause) {
  const missing =
    cause instanceof Error &&
    'code' in cause &&
    cause.code === 'ERR_MODULE_NOT_FOUND' &&
    String(cause.message).includes('dist/main.js');
  if (!missing) throw cause;
  console.error('smartserver-license is not built yet: run `npm run build` in the repository root first.');
  process.exitCode = 2;
}
