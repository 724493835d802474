// `npm start`: builds what the reference system needs, starts the license cloud and a
// SmartServer with demo data, and prints where to go. `npm start -- --reset` starts clean.
// Ctrl-C stops both services. Typing `offline` (Enter) cuts the SmartServer off the cloud,
// `online` reconnects it.
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoSystem } from './demo-system.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = join(root, '.data');
const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--reset' && a !== '--help');
if (args.includes('--help') || unknown.length > 0) {
  if (unknown.length) console.error(`Unknown option ${unknown.join(' ')}.`);
  console.log('Usage: npm start [-- --reset]   (--reset deletes .data/ and starts with fresh demo data)');
  console.log(
    'While it runs, type "offline" or "online" (Enter) to cut the SmartServer off the license cloud or reconnect it.',
  );
  process.exit(unknown.length ? 2 : 0);
}
if (args.includes('--reset')) {
  rmSync(dataDir, { recursive: true, force: true });
  console.log('Removed .data/: starting with fresh demo data.');
}

console.log('Building the CMS page and what it needs (nx, cached after the first run)…');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_USE_LOCAL: 'true', NX_DAEMON: 'false' };
const build = spawnSync('npx', ['nx', 'run', '@smartserver-licensing/cms:build', '--outputStyle=static'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error(`\nThe build failed (exit ${build.status ?? build.signal}); see above.`);
  process.exit(build.status ?? 1);
}

let system;
try {
  system = await startDemoSystem({
    dataDir,
    cloudPort: Number(process.env.CLOUD_PORT ?? 8787),
    smartServerPort: Number(process.env.SMARTSERVER_PORT ?? 8080),
    log: (line) => console.log(`  ${line}`),
  });
} catch (error) {
  console.error(`\nCould not start the reference system: ${error.message}`);
  console.error('If a port is taken, set CLOUD_PORT / SMARTSERVER_PORT, e.g. CLOUD_PORT=9787 npm start.');
  process.exit(1);
}

const { demo, facts, smartServer } = system;
const line = (label, value) => console.log(`  ${label.padEnd(26)} ${value}`);
console.log('\nThe reference system is running (data in .data/; Ctrl-C stops it).\n');
console.log('SmartServer CMS');
line('URL', system.cmsUrl);
for (const u of demo.users) line(`${u.type} login`, `${u.username} / ${u.password}`);
line('SmartServer', `${smartServer.id} (${smartServer.name})`);
line(
  'Install Code',
  `${smartServer.installCode}   (Manage Licenses > Manage Customer Accounts shows it too)`,
);
line('Devices', `the SmartServer and ${demo.devices.length} field devices`);
if (system.fresh) line('', "no license yet: the Owner's Manage Licenses dialog opens by itself");
line('OpenAPI', `${system.cmsUrl}/api/openapi.json`);
console.log('\nLicense cloud');
line('Partner Portal', `${system.cloudUrl}/partner   (${demo.partner.email} / ${demo.partner.password})`);
line('Customer Portal', `${system.cloudUrl}/customer  (log in with a License ID below)`);
line('Support page', `${system.cloudUrl}/support   (${demo.support.email} / ${demo.support.password})`);
line('OpenAPI', `${system.cloudUrl}/api/v1/openapi.json`);
console.log('\nDemo data');
line('Customer ID', `${facts.customerId}   (${demo.customerName}; enter it under Manage Customer Accounts)`);
for (const [key, l] of Object.entries(facts.licenses)) {
  line(
    key === 'inventory' ? `${l.model} (partner stock)` : l.model,
    l.licenseId + (l.replaced ? `   (replaced ${l.replaced} by a transfer)` : ''),
  );
}
console.log('\nOffline');
line('offline + Enter', 'cuts the SmartServer off the license cloud (the portals stay reachable):');
line('', 'a return then waits, and its receipt file goes to the Customer Portal');
line('online + Enter', 'reconnects it');
console.log('');

// Read lines without taking the terminal over: Ctrl-C stays the terminal's, and stops everything.
const input = createInterface({ input: process.stdin, terminal: false });
input.on('line', (text) => {
  const command = text.trim().toLowerCase();
  if (command === 'offline' || command === 'online') {
    system.link.setOnline(command === 'online');
    console.log(
      command === 'online'
        ? 'The SmartServer reaches the license cloud again.'
        : 'The SmartServer cannot reach the license cloud now (type "online" to reconnect).',
    );
  } else if (command) {
    console.log('Type "offline" or "online" (then Enter), or press Ctrl-C to stop.');
  }
});
// Without a terminal (stdin closed or redirected) there is nothing to read; the services keep running.
input.on('close', () => undefined);

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the license cloud and the SmartServer…`);
  await system.stop();
  console.log('Stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
for (const child of system.children) {
  child.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`A service stopped unexpectedly (${signal ?? code}); stopping the rest.`);
      void stop('exit');
    }
  });
}
