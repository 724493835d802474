// Runs several commands of a service's CLI in one process: each is a call of the CLI module's
// own `main(argv)`, exactly what its command line runs, without a process start per command
// (the demo system's first start seeds a dozen users, accounts and devices this way).
//
//   node --conditions=@smartserver-licensing/source --import tsx tools/scripts/cli-batch.mjs \
//     apps/smartserver/src/cli.ts '[["add-user", "--username", "owner", …], …]'
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [cli, commands] = process.argv.slice(2);
if (!cli || !commands) {
  console.error('usage: cli-batch.mjs <cli.ts> <JSON array of argument lists>');
  process.exit(2);
}
const { main } = await import(pathToFileURL(resolve(cli)).href);
try {
  for (const argv of JSON.parse(commands)) await main(argv);
} catch (error) {
  console.error(`${cli}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
