// Public entry of @smartserver-licensing/cli: the command as a function, for scripts and tests.
export { runCli, processIo, DEFAULT_ISSUER, EXIT, type CliIo } from './cli.js';
