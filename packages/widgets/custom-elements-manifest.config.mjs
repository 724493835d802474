// Settings of `npm run manifest` (the custom-elements analyzer), and a plugin that turns the finished
// manifest into VS Code's HTML custom data: the class JSDoc stays the one place the API is written.
import { mkdirSync, writeFileSync } from 'node:fs';

const OUTDIR = 'dist';
const CUSTOM_DATA = 'vscode.html-custom-data.json';

/** The values of a union of string literals (`'a' | 'b' | undefined`); none for any other type. */
function literalValues(typeText = '') {
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  const literal = /^(['"])(.*)\1$/;
  if (parts.length === 0 || !parts.every((part) => literal.test(part))) return undefined;
  return parts.map((part) => ({ name: part.match(literal)[2] }));
}

function attributeData(attribute) {
  const type = attribute.type?.text ?? '';
  const values = literalValues(type);
  const described = [attribute.description, attribute.default && `Default: ${attribute.default}.`];
  return {
    name: attribute.name,
    ...(described.some(Boolean) ? { description: described.filter(Boolean).join(' ') } : {}),
    // `v` is VS Code's value set for an attribute written without a value.
    ...(type === 'boolean' ? { valueSet: 'v' } : values ? { values } : {}),
  };
}

/** The element's JSDoc as Markdown: what it is, then its events, slots, parts and custom properties. */
function tagDescription(element) {
  const list = (title, items, name) =>
    items?.length
      ? [`${title}:`, items.map((item) => `- \`${name(item)}\` ${item.description ?? ''}`).join('\n')]
      : [];
  const value = [
    element.description || element.summary || '',
    ...list('Events', element.events, (e) => e.name),
    ...list('Slots', element.slots, (s) => s.name || '(default)'),
    ...list('CSS parts', element.cssParts, (p) => p.name),
    ...list('CSS properties', element.cssProperties, (p) => p.name),
  ]
    .filter(Boolean)
    .join('\n\n');
  return { kind: 'markdown', value };
}

/** HTML custom data (format 1.1) for every `lic-*` element of a manifest. */
export function htmlCustomData(manifest) {
  const elements = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.customElement && declaration.tagName?.startsWith('lic-'));
  return {
    version: 1.1,
    tags: elements
      .map((element) => ({
        name: element.tagName,
        description: tagDescription(element),
        attributes: (element.attributes ?? []).map(attributeData),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const vscodeCustomData = {
  name: 'lic-vscode-custom-data',
  packageLinkPhase({ customElementsManifest }) {
    const dir = new URL(`./${OUTDIR}/`, import.meta.url);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      new URL(CUSTOM_DATA, dir),
      `${JSON.stringify(htmlCustomData(customElementsManifest), null, 2)}\n`,
    );
  },
};

export default {
  globs: ['src/**/*.ts'],
  // The React wrappers are no elements of their own; the dialog's panels are its internals.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/react/**', 'src/manage-licenses/panels/**'],
  outdir: OUTDIR,
  litelement: true,
  plugins: [vscodeCustomData],
};
