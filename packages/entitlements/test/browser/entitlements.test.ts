// The same code verifies in Chromium through WebCrypto: the main cases and the whole hostile corpus.
import { expect } from '@open-wc/testing';
import {
  createActivationFile,
  generateIssuerKeyPair,
  readActivationFile,
  signSmartServerMessage,
  verifyEntitlement,
  verifyEntitlements,
  verifySmartServerMessage,
} from '@smartserver-licensing/entitlements';
import {
  capacityLicense,
  DAY,
  ISSUER,
  LICENSE_ID,
  maintenanceLicense,
  makeKit,
  NOW,
  OTHER_LICENSE_ID,
  SID,
  type Kit,
} from '../fixtures.js';
import { hostileFiles, hostileTokens, type HostileFile, type HostileToken } from '../hostile-corpus.js';

describe('entitlements in Chromium', () => {
  let kit: Kit;
  let tokens: HostileToken[];
  let files: HostileFile[];

  before(async () => {
    kit = await makeKit();
    tokens = await hostileTokens(kit);
    files = await hostileFiles(kit);
  });

  it('generates an Ed25519 key pair with WebCrypto', async () => {
    const pair = await generateIssuerKeyPair();
    expect(pair.ok).to.equal(true);
  });

  it('R3: issues and verifies capacity (EdDSA) and maintenance (ES256) tokens', async () => {
    const capacity = await verifyEntitlement(await kit.issue(), kit.options());
    expect(capacity.code).to.equal('OK');
    const maintenance = await verifyEntitlement(
      await kit.issue({ license: maintenanceLicense(), signingKey: kit.signerEc }),
      kit.options(),
    );
    expect(maintenance.code).to.equal('OK');
  });

  it('R16: an expired maintenance token is usable but not valid', async () => {
    const token = await kit.issue({
      license: maintenanceLicense(),
      now: NOW.getTime() - 10 * DAY * 1000,
      expiresAt: NOW.getTime() - DAY * 1000,
    });
    const result = await verifyEntitlement(token, kit.options());
    expect([result.valid, result.code, result.usable]).to.deep.equal([false, 'EXPIRED', true]);
  });

  it('R25: a batch refuses the License ID its successor supersedes', async () => {
    const old = await kit.issue();
    const successor = await kit.issue({
      license: capacityLicense({ licenseId: OTHER_LICENSE_ID, supersedes: LICENSE_ID }),
    });
    const batch = await verifyEntitlements([old, successor], kit.options());
    expect(batch.results.map((r) => r.code)).to.deep.equal(['SUPERSEDED', 'OK']);
  });

  it('R20: round-trips a signed offline activation file bound to the SmartServer key', async () => {
    const created = await createActivationFile({
      tokens: [await kit.issue({ keyThumbprint: kit.ss.thumbprint })],
      smartServerId: SID,
      keyThumbprint: kit.ss.thumbprint,
      issuer: ISSUER,
      signingKey: kit.signer1,
      now: NOW,
    });
    expect(created.ok).to.equal(true);
    if (!created.ok) return;
    const read = await readActivationFile(created.value.text, kit.fileOptions());
    expect(read.ok && read.accepted.length).to.equal(1);
  });

  it('R19: a return receipt signed in the browser verifies with its key only', async () => {
    const claims = {
      smartServerId: SID,
      keyThumbprint: kit.ss.thumbprint,
      licenseId: LICENSE_ID,
      activationId: 'c0ffee00-0000-4000-8000-000000000001',
      returnedAt: '2026-03-01T12:00:00Z',
    };
    const signed = await signSmartServerMessage('returnReceipt', claims, kit.ss);
    expect(signed.ok).to.equal(true);
    if (!signed.ok) return;
    const mine = await verifySmartServerMessage('returnReceipt', signed.value, {
      publicKey: kit.ss.publicKey,
    });
    const other = await verifySmartServerMessage('returnReceipt', signed.value, {
      publicKey: kit.otherSs.publicKey,
    });
    expect([mine.ok, other.ok]).to.deep.equal([true, false]);
  });

  it('refuses every hostile token with its exact code', async () => {
    expect(tokens.length).to.be.greaterThan(60);
    const wrong: string[] = [];
    for (const c of tokens) {
      const result = await verifyEntitlement(c.token, kit.options(c.options));
      if (result.code !== c.code || result.usable !== (c.code === 'EXPIRED')) {
        wrong.push(`${c.name}: ${result.code}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });

  it('R20: refuses every hostile file, or gives each token its exact code', async () => {
    const wrong: string[] = [];
    for (const c of files) {
      const result = await readActivationFile(c.text, {
        ...kit.fileOptions(c.options),
        appliedFiles: new Set(c.applied ?? []),
      });
      const got = result.ok ? result.results.map((r) => r.code).join(',') : result.code;
      const want = typeof c.code === 'string' ? c.code : c.code.join(',');
      if (got !== want) wrong.push(`${c.name}: ${got}`);
    }
    expect(wrong).to.deep.equal([]);
  });
});
