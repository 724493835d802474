// The `smartserver-license` command: keygen, mint, inspect, verify. Everything here is wiring;
// the rules live in @smartserver-licensing/entitlements, /policy and /schemas. Each command is a
// module of ./commands; this file picks one and turns its errors into messages and exit codes.
import { inspect } from './commands/inspect.js';
import { keygen } from './commands/keygen.js';
import { mint } from './commands/mint.js';
import { verify } from './commands/verify.js';
import { help, HELP } from './help.js';
import type { CliIo } from './io.js';
import { EXIT, RefusedError, UsageError } from './options.js';

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  keygen,
  mint,
  inspect,
  verify,
};

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    return help(
      io,
      command === undefined ? 'main' : rest[0] !== undefined && HELP[rest[0]] ? rest[0] : 'main',
    );
  }
  const run = COMMANDS[command];
  if (!run || !Object.hasOwn(COMMANDS, command)) {
    io.stderr(
      `smartserver-license: unknown command ${JSON.stringify(command.slice(0, 40))}\n\n${HELP['main']}\n`,
    );
    return EXIT.USAGE;
  }
  try {
    return await run(rest, io);
  } catch (cause) {
    if (cause instanceof RefusedError) {
      io.stderr(`smartserver-license ${command}: ${cause.message}\n`);
      return EXIT.REFUSED;
    }
    if (cause instanceof UsageError) {
      io.stderr(
        `smartserver-license ${command}: ${cause.message}\nRun 'smartserver-license ${command} --help' for its options.\n`,
      );
      return EXIT.USAGE;
    }
    io.stderr(
      `smartserver-license ${command}: unexpected error: ${cause instanceof Error ? cause.message : String(cause)}\n`,
    );
    return EXIT.USAGE;
  }
}
