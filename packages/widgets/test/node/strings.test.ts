// The German table says everything the English one does, including the words for every code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { de } from '../../src/strings/de.js';
import { en } from '../../src/strings/en.js';
import { enPanels } from '../../src/strings/en-panels.js';

describe('string tables', () => {
  it('German has every key of the English core and panel tables, and no other', () => {
    assert.deepEqual(Object.keys(de).sort(), Object.keys({ ...en, ...enPanels }).sort());
  });

  it('German has words for every code the English table names', () => {
    assert.deepEqual(Object.keys(de.codes).sort(), Object.keys(enPanels.codes).sort());
  });

  it('R19-R21: the file refusals, revoked tokens and key conflicts have words in both languages', () => {
    for (const code of [
      'FILE_REPLAYED',
      'FILE_WRONG_SMARTSERVER',
      'FILE_BAD_SIGNATURE',
      'FILE_UNSUPPORTED_VERSION',
      'FILE_MALFORMED',
      'REVOKED',
      'UNAVAILABLE',
    ]) {
      assert.ok(enPanels.codes[code] && de.codes[code], code);
      assert.notEqual(enPanels.codes[code], de.codes[code], code);
    }
    assert.match(enPanels.keyConflict('7K3Q-M2XD-9FPA-R4TC-H8WN'), /reset.*7K3Q-M2XD-9FPA-R4TC-H8WN/s);
    assert.match(de.keyConflict('7K3Q-M2XD-9FPA-R4TC-H8WN'), /zurücksetzen.*7K3Q-M2XD-9FPA-R4TC-H8WN/s);
  });
});
