import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LICENSE_MODELS, lookupModel, MODEL_NUMBERS } from '@smartserver-licensing/schemas';

describe('license model catalog', () => {
  it('R6: knows the capacity models and their device counts', () => {
    const capacities = Object.fromEntries(
      MODEL_NUMBERS.filter((m) => LICENSE_MODELS[m].kind === 'capacity').map((m) => [
        m,
        LICENSE_MODELS[m].capacity,
      ]),
    );
    assert.deepEqual(capacities, {
      '72220-00': 5,
      '72220-10': 10,
      '72220-50': 50,
      '72220-200': 200,
      '72220-1000': 1000,
    });
  });

  it('R6: the trial model is the only trial, and it has a default term', () => {
    const trials = MODEL_NUMBERS.filter((m) => {
      const model = LICENSE_MODELS[m];
      return model.kind === 'capacity' && model.trial;
    });
    assert.deepEqual(trials, ['72220-00']);
    const trial = lookupModel('72220-00');
    assert.ok(trial.ok && trial.value.kind === 'capacity' && (trial.value.trialDays ?? 0) > 0);
  });

  it('R7: knows the Premium Pass maintenance models, 3-year, one per capacity', () => {
    for (const devices of [10, 50, 200, 1000]) {
      const result = lookupModel(`92201R-P-${devices}`);
      assert.ok(result.ok);
      assert.equal(result.value.kind, 'maintenance');
      assert.equal(result.value.capacity, devices);
      assert.ok(result.value.kind === 'maintenance' && result.value.termYears === 3);
    }
  });

  it('R2: has a Core license for SmartServer Pi that grants no device capacity', () => {
    const result = lookupModel('SSPI-CORE');
    assert.ok(result.ok);
    assert.equal(result.value.kind, 'core');
    assert.equal(result.value.capacity, 0);
  });

  for (const unknown of [
    '72220-100',
    '72220-10 ',
    '',
    'toString',
    '__proto__',
    'constructor',
    42,
    null,
    undefined,
  ]) {
    it(`an unknown model number (${JSON.stringify(unknown) ?? 'undefined'}) is a typed UNKNOWN_MODEL error`, () => {
      const result = lookupModel(unknown);
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.code, 'UNKNOWN_MODEL');
        assert.match(result.error.message, /^license model: .* is not a known model number/);
      }
    });
  }
});
