// The executable behind `smartserver-license`: runs the command line and sets the exit code.
import { processIo, runCli } from './cli.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
