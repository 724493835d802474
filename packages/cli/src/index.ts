// Public entry of @smartserver-licensing/cli: the command as a function, for scripts and tests.
export { runCli } from './cli.js';
export { processIo, type CliIo } from './io.js';
export { DEFAULT_ISSUER, EXIT } from './options.js';
