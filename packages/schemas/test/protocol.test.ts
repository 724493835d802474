import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLOUD_ROUTES,
  parseActivationRequestFile,
  parseReturnReceiptFile,
  parseWith,
  pathFor,
  protocolFileText,
  ReturnReceiptClaimsSchema,
  AssertionClaimsSchema,
} from '@smartserver-licensing/schemas';

const JWS = 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('protocol files', () => {
  it('R20: writes and reads back an activation request file and a return receipt file', () => {
    const request = parseActivationRequestFile(protocolFileText('activationRequest', JWS));
    assert.ok(request.ok);
    assert.equal(request.value.signed, JWS);
    const receipt = parseReturnReceiptFile(protocolFileText('returnReceipt', JWS));
    assert.ok(receipt.ok);
  });

  it('refuses one kind of file given as the other, and hostile text, with a typed error', () => {
    const crossed = parseActivationRequestFile(protocolFileText('returnReceipt', JWS));
    assert.equal(crossed.ok, false);
    for (const text of [
      '',
      '{',
      'null',
      '[]',
      '{"format":"smartserver-return-receipt","version":2}',
      'x'.repeat(700_000),
    ]) {
      const r = parseReturnReceiptFile(text);
      assert.equal(r.ok, false, text.slice(0, 20));
      if (!r.ok) assert.ok(['INVALID', 'INVALID_JSON', 'TOO_LARGE'].includes(r.error.code));
    }
    const duplicate = parseReturnReceiptFile(
      `{"format":"smartserver-return-receipt","version":2,"signed":"a.b.c","extra":1}`,
    );
    assert.equal(duplicate.ok, false);
  });

  it('R19: a return receipt names one activation of one key; nothing else is accepted', () => {
    const good = {
      smartServerId: 'SID-1',
      keyThumbprint: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
      licenseId: 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2',
      activationId: 'c0ffee00-0000-4000-8000-000000000001',
      returnedAt: '2026-03-01T12:00:00Z',
    };
    assert.ok(parseWith(ReturnReceiptClaimsSchema, good, 'receipt').ok);
    for (const bad of [
      { ...good, activationId: undefined },
      { ...good, keyThumbprint: 'short' },
      { ...good, smartServerId: '../x' },
      { ...good, more: true },
    ]) {
      assert.equal(parseWith(ReturnReceiptClaimsSchema, bad, 'receipt').ok, false);
    }
  });

  it('an assertion names a path, not a URL, and a known method', () => {
    const good = {
      iss: 'SID-1',
      aud: 'http://127.0.0.1:8787',
      iat: 1,
      exp: 2,
      jti: 'c0ffee00-0000-4000-8000-000000000001',
      htm: 'GET',
      htu: '/api/v2/smartserver/accounts/x/licenses',
      bh: 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg',
      acct: '2133c667-af41-4518-94df-a2bb3b775330',
    };
    assert.ok(parseWith(AssertionClaimsSchema, good, 'assertion').ok);
    assert.equal(parseWith(AssertionClaimsSchema, { ...good, htu: 'http://evil/x' }, 'a').ok, false);
    assert.equal(parseWith(AssertionClaimsSchema, { ...good, htm: 'get' }, 'a').ok, false);
  });
});

describe('the cloud contract', () => {
  it('fills path parameters, encoding them, and refuses a missing one', () => {
    assert.equal(
      pathFor(CLOUD_ROUTES.download.path, { customerId: 'a/b?c' }),
      '/api/v2/smartserver/accounts/a%2Fb%3Fc/download',
    );
    assert.throws(() => pathFor(CLOUD_ROUTES.download.path), /no value for :customerId/);
  });

  it('R19: a download names 1..100 licenses; an answer with a code outside the contract is refused', () => {
    const body = CLOUD_ROUTES.download.body;
    assert.equal(parseWith(body, { licenseIds: [] }, 'download').ok, false);
    const answer = CLOUD_ROUTES.download.answer;
    const refused = parseWith(
      answer,
      {
        results: [
          { licenseId: 'b1e52546-f2db-4053-b2dd-2ab2fa7732d2', ok: false, code: 'WHATEVER', message: 'x' },
        ],
      },
      'answer',
    );
    assert.equal(refused.ok, false);
  });
});
