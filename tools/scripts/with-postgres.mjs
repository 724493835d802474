// Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL server:
// Debian's binaries, a fresh cluster in a temp folder, loopback only, removed afterwards.
// Usage: node tools/scripts/with-postgres.mjs -- <command> [args…]
// If TEST_DATABASE_URL is already set, it is used as is. If no PostgreSQL is installed,
// the command runs without it and a line says so (CI installs it, see .ci/run).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const separator = process.argv.indexOf('--');
const command = separator >= 0 ? process.argv.slice(separator + 1) : [];
if (command.length === 0) {
  console.error('usage: with-postgres.mjs -- <command> [args…]');
  process.exit(2);
}

function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function findBinaries() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

if (process.env.TEST_DATABASE_URL) process.exit(await run(command[0], command.slice(1)));

const bin = findBinaries();
if (!bin) {
  console.log(
    'with-postgres: no PostgreSQL server installed (Debian: apt-get install postgresql); running on PGlite only.',
  );
  process.exit(await run(command[0], command.slice(1)));
}

// initdb refuses to run as root: as root, the cluster belongs to the postgres user.
const asRoot = process.getuid?.() === 0;
const pgRun = (tool, args) => {
  const full = [join(bin, tool), ...args];
  const result = asRoot
    ? spawnSync('runuser', ['-u', 'postgres', '--', ...full], { encoding: 'utf8' })
    : spawnSync(full[0], full.slice(1), { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
};

const dir = mkdtempSync(join(tmpdir(), 'pg-test-'));
chmodSync(dir, 0o777);
const data = join(dir, 'data');
const port = await freePort();
let code = 1;
try {
  pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  pgRun('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'server.log'),
    '-w',
    '-t',
    '60',
    '-o',
    `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=200`,
    'start',
  ]);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  console.log(`with-postgres: PostgreSQL (${bin}) on 127.0.0.1:${port}`);
  code = await run(command[0], command.slice(1), { ...process.env, TEST_DATABASE_URL: url });
} catch (error) {
  console.error(`with-postgres: ${error.message}`);
} finally {
  try {
    pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
  } catch {
    // already stopped
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
