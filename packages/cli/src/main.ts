// The executable behind `smartserver-license`: runs the command line and sets the exit code.
import { runCli } from './cli.js';
import { processIo } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
