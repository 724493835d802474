// The schemas run unchanged in Chromium: the browser path of the SDK, on a clean machine.
import { expect } from '@open-wc/testing';
import {
  parseActivationFileText,
  parseLicenseClaims,
  parseLicenseState,
  lookupModel,
} from '@smartserver-licensing/schemas';
import { capacityClaims, licenseState } from '../fixtures.js';

describe('schemas in Chromium', () => {
  it('R6: parses capacity claims and knows the D1000 model', () => {
    const result = parseLicenseClaims(capacityClaims());
    expect(result.ok).to.equal(true);
    const model = lookupModel('72220-1000');
    expect(model.ok && model.value.capacity).to.equal(1000);
  });

  it('names the field of bad input, and lets no __proto__ key through', () => {
    const polluted = JSON.parse(
      `{"__proto__": {"licensed": true}, ${JSON.stringify(capacityClaims()).slice(1)}`,
    );
    const result = parseLicenseClaims(polluted);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.error.message).to.contain('unknown field "__proto__"');
    expect(({} as Record<string, unknown>)['licensed']).to.equal(undefined);
  });

  it('R20: refuses activation file text that is not JSON, with a typed code', () => {
    const result = parseActivationFileText('{"format":');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.error.code).to.equal('INVALID_JSON');
  });

  it('R10: accepts a well-formed LicenseState', () => {
    const result = parseLicenseState(licenseState());
    expect(result.ok, result.ok ? '' : result.error.message).to.equal(true);
  });
});
