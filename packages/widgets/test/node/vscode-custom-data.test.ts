// The VS Code custom data that ships in dist/: made from the manifest by the build, so it must name
// every element of the manifest with the same attributes. (Reads the build: build first.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

const dist = new URL('../../dist/', import.meta.url);
const read = (name: string) => {
  const url = new URL(name, dist);
  assert.ok(existsSync(url), `dist/${name} is missing: build the package first`);
  return JSON.parse(readFileSync(url, 'utf8'));
};

interface Attribute {
  name: string;
  type?: { text: string };
}
interface Declaration {
  customElement?: boolean;
  tagName?: string;
  attributes?: Attribute[];
}
interface TagData {
  name: string;
  description: { kind: string; value: string };
  attributes: { name: string; values?: { name: string }[]; valueSet?: string }[];
  references?: unknown;
}

const manifest = read('custom-elements.json') as { modules: { declarations?: Declaration[] }[] };
const data = read('vscode.html-custom-data.json') as { version: number; tags: TagData[] };
const elements = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .filter((d) => d.customElement && d.tagName?.startsWith('lic-'));
const tag = (name: string) => data.tags.find((t) => t.name === name);

describe('dist/vscode.html-custom-data.json', () => {
  it('is HTML custom data, format 1.1, without references', () => {
    assert.equal(data.version, 1.1);
    assert.ok(data.tags.every((t) => t.references === undefined));
  });

  it('lists every lic-* element of the manifest, once, and nothing else', () => {
    assert.equal(elements.length, 6);
    assert.deepEqual(data.tags.map((t) => t.name).sort(), elements.map((e) => e.tagName).sort());
  });

  for (const element of elements) {
    it(`<${element.tagName}>: the attributes of the manifest, and the class JSDoc`, () => {
      const found = tag(element.tagName!)!;
      assert.deepEqual(
        found.attributes.map((a) => a.name),
        (element.attributes ?? []).map((a) => a.name),
      );
      assert.equal(found.description.kind, 'markdown');
      assert.ok(found.description.value.length > 20, 'the JSDoc of the class');
    });
  }

  it('offers the values of a string-literal union, and marks boolean attributes as valueless', () => {
    const values = (el: string, attr: string) =>
      tag(el)!
        .attributes.find((a) => a.name === attr)!
        .values?.map((v) => v.name);
    assert.deepEqual(values('lic-capacity-indicator', 'variant'), ['full', 'compact']);
    assert.deepEqual(values('lic-maintenance-indicator', 'wording'), ['default', 'dated']);
    assert.deepEqual(values('lic-device-list', 'sort-direction'), ['ascending', 'descending']);
    const open = tag('lic-manage-licenses')!.attributes.find((a) => a.name === 'open')!;
    assert.equal(open.valueSet, 'v');
  });

  it('names the events of an element in its description', () => {
    const value = tag('lic-manage-licenses')!.description.value;
    for (const event of ['lic-open', 'lic-request-close', 'lic-request-download']) {
      assert.ok(value.includes(`\`${event}\``), event);
    }
  });
});
