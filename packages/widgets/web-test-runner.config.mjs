// The workspace's browser tests, plus React as ES modules for the React wrapper's test (react and
// react-dom ship CommonJS only, which a browser cannot import as served from node_modules), and
// the server commands for real downloads and the clipboard (test/browser-commands.mjs).
import { build } from 'esbuild';
import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import workspace from '../../web-test-runner.config.mjs';
import { browserCommands } from './test/browser-commands.mjs';

const PREFIX = '/__react-esm/';

/** Bare specifier -> the namespace Node sees, whose keys become the module's named exports. */
const modules = { react: React, 'react-dom/client': ReactDOMClient };
const fileOf = (specifier) => `${PREFIX}${specifier.replace('/', '-')}.js`;

// One bundle holds both packages, so react-dom and the test share a single copy of React.
let bundle;
const reactBundle = async () => {
  bundle ??= build({
    stdin: {
      contents: Object.keys(modules)
        .map((specifier, i) => `export * as m${i} from '${specifier}';`)
        .join('\n'),
      resolveDir: import.meta.dirname,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0].text);
  return bundle;
};

const facade = (specifier, i) => {
  const names = Object.keys(modules[specifier]).filter(
    (n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n),
  );
  return (
    `import { m${i} as ns } from '${PREFIX}bundle.js';\n` +
    `export default ns.default ?? ns;\n` +
    `export const { ${names.join(', ')} } = ns;\n`
  );
};

const reactAsEsm = {
  name: 'react-as-esm',
  resolveImport({ source }) {
    if (source in modules) return fileOf(source);
  },
  async serve({ path }) {
    if (path === `${PREFIX}bundle.js`) return { body: await reactBundle(), type: 'js' };
    const i = Object.keys(modules).findIndex((specifier) => fileOf(specifier) === path);
    if (i >= 0) return { body: facade(Object.keys(modules)[i], i), type: 'js' };
  },
};

export default { ...workspace, plugins: [reactAsEsm, browserCommands, ...workspace.plugins] };
