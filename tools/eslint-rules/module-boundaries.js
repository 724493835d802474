// ESLint rule: imports between workspace projects must follow the tag constraints
// (the dependency direction of docs/architecture.md), and browser-safe projects
// may not import Node built-ins or banned packages.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const PROJECT_FOLDERS = ['packages', 'apps', 'tools'];
const BUILTINS = new Set(builtinModules);
const workspaces = new Map();

function findWorkspaceRoot(start) {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** Every project of a workspace: name, root folder and Nx tags, read from package.json. */
function loadWorkspace(root) {
  let found = workspaces.get(root);
  if (found) return found;
  const projects = [];
  for (const folder of PROJECT_FOLDERS) {
    const base = join(root, folder);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      const manifest = join(base, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      projects.push({ name: pkg.name, root: join(base, entry.name), tags: pkg.nx?.tags ?? [] });
    }
  }
  found = { root, projects, byName: new Map(projects.map((p) => [p.name, p])) };
  workspaces.set(root, found);
  return found;
}

function projectOfFile(workspace, file) {
  return workspace.projects.find((p) => file === p.root || file.startsWith(p.root + sep));
}

/** The package name of a bare specifier: `@scope/name/deep` -> `@scope/name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function matches(pattern, name) {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name;
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the dependency direction between tagged workspace projects.' },
    schema: [
      {
        type: 'object',
        properties: {
          depConstraints: { type: 'array' },
          exemptFiles: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      forbiddenProject:
        '{{source}} ({{sourceTags}}) may not import {{target}} ({{targetTags}}): a project tagged {{tag}} may only depend on {{allowed}}.',
      untagged: '{{target}} has no Nx tags, so no project may depend on it.',
      relativeEscape:
        'Relative import "{{specifier}}" leaves the project {{source}}: import the other package by its name.',
      deepImport:
        'Import "{{specifier}}" reaches into the files of {{target}}: use the entry points its package.json exports.',
      bannedExternal: '{{source}} ({{tag}}) may not import "{{specifier}}": {{why}}.',
    },
  },
  create(context) {
    const file = resolve(context.filename);
    const root = findWorkspaceRoot(dirname(file));
    if (!root) return {};
    const workspace = loadWorkspace(root);
    const source = projectOfFile(workspace, file);
    if (!source) return {};
    const options = context.options[0] ?? {};
    const constraints = (options.depConstraints ?? []).filter((c) => source.tags.includes(c.sourceTag));
    const relFile = relative(source.root, file).split(sep).join('/');
    const exempt = (options.exemptFiles ?? []).some((pattern) => new RegExp(pattern).test(relFile));

    function check(node, specifier) {
      if (typeof specifier !== 'string') return;
      if (specifier.startsWith('.')) {
        const target = resolve(dirname(file), specifier);
        if (target !== source.root && !target.startsWith(source.root + sep)) {
          context.report({ node, messageId: 'relativeEscape', data: { specifier, source: source.name } });
        }
        return;
      }
      const name = packageName(specifier);
      const target = workspace.byName.get(name);
      if (target) {
        if (target === source) return;
        if (/\/(src|dist|test)(\/|$)/.test(specifier.slice(name.length))) {
          context.report({ node, messageId: 'deepImport', data: { specifier, target: target.name } });
        }
        if (target.tags.length === 0) {
          context.report({ node, messageId: 'untagged', data: { target: target.name } });
          return;
        }
        for (const constraint of constraints) {
          const allowed = constraint.onlyDependOnLibsWithTags ?? [];
          if (allowed.includes('*') || target.tags.some((t) => allowed.includes(t))) continue;
          context.report({
            node,
            messageId: 'forbiddenProject',
            data: {
              source: source.name,
              sourceTags: source.tags.join(', '),
              target: target.name,
              targetTags: target.tags.join(', '),
              tag: constraint.sourceTag,
              allowed: allowed.length ? allowed.join(' or ') : 'no workspace project',
            },
          });
          return;
        }
        return;
      }
      if (exempt) return;
      const isBuiltin = specifier.startsWith('node:') || BUILTINS.has(name);
      for (const constraint of constraints) {
        if (constraint.noNodeBuiltins && isBuiltin) {
          context.report({
            node,
            messageId: 'bannedExternal',
            data: {
              source: source.name,
              tag: constraint.sourceTag,
              specifier,
              why: 'it must run in a browser, so no Node built-ins',
            },
          });
          return;
        }
        const banned = (constraint.bannedExternalImports ?? []).find((p) => matches(p, name));
        if (banned) {
          context.report({
            node,
            messageId: 'bannedExternal',
            data: {
              source: source.name,
              tag: constraint.sourceTag,
              specifier,
              why: constraint.bannedReason ?? 'banned for this tag',
            },
          });
          return;
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};
