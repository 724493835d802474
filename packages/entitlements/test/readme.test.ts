import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { isUsableCode, VERIFY_FAILURE_CODES } from '@smartserver-licensing/entitlements';

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('lists every result code once in the table, with the right usable column', () => {
    for (const code of ['OK', ...VERIFY_FAILURE_CODES] as const) {
      const row = new RegExp(`^\\|\\s*\`${code}\`\\s*\\|`);
      const rows = readme.split('\n').filter((line) => row.test(line) && line.split('|').length === 6);
      assert.equal(rows.length, 1, `${code} must have one row`);
      const usable = rows[0]!.split('|')[3]!.includes('yes');
      assert.equal(usable, isUsableCode(code), `${code}: usable column`);
    }
  });

  it('lists every file code', () => {
    for (const code of [
      'FILE_TOO_LARGE',
      'FILE_MALFORMED',
      'FILE_UNSUPPORTED_VERSION',
      'FILE_BAD_SIGNATURE',
      'FILE_WRONG_SMARTSERVER',
      'FILE_REPLAYED',
      'FILE_FROM_FUTURE',
    ]) {
      assert.match(readme, new RegExp(`\\|\\s*\`${code}\`\\s*\\|`));
    }
  });
});
