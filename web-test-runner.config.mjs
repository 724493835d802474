// Browser tests for every package, in Debian's Chromium. Run from a package folder
// (`wtr --config ../../web-test-runner.config.mjs`): files are found relative to it.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium not found at ${chromium}. Install Debian's package (apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Chromium looks up Google hosts even with background networking off; this machine has no network.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

export default {
  files: ['test/browser/**/*.test.ts', 'src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['@smartserver-licensing/source', 'browser'] },
  rootDir: fileURLToPath(new URL('.', import.meta.url)),
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  browsers: [chromeLauncher({ launchOptions: { executablePath: chromium, args: chromiumArgs } })],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      // Trap: this plugin reads the tsconfig verbatim and ignores `extends`; the base file holds the decorator flags.
      tsconfig: fileURLToPath(new URL('./tsconfig.base.json', import.meta.url)),
    }),
  ],
};
