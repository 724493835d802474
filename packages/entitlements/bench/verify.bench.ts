// Benchmark (never part of `npm test`): tokens verified per second by the SDK against a bare
// node:crypto Ed25519 verify over the same signing inputs, and their ratio. Target: ≥ 0.8.
import { createPublicKey, verify as bareVerify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  generateIssuerKeyPair,
  importKeySet,
  importSigningKey,
  issueEntitlement,
  verifyEntitlement,
  verifyEntitlements,
  type VerifyOptions,
} from '@smartserver-licensing/entitlements';

import { appendFileSync } from 'node:fs';

const SUITE = 'entitlements';
/** Appends one figure for the workspace's bench table (`npm run bench`), when it asks for them. */
function record(entry: Record<string, unknown>): void {
  const file = process.env['BENCH_RESULTS_FILE'];
  if (file) appendFileSync(file, `${JSON.stringify({ suite: SUITE, ...entry })}\n`);
}

const COUNT = Number(process.env['BENCH_TOKENS'] ?? 2000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const BATCH = 256;
const NOW = Date.parse('2026-03-01T12:00:00Z');
const SID = 'SID-bench';
const ISSUER = 'https://license-cloud.example';

function must<T>(r: { ok: true; value: T } | { ok: false; error: Error }): T {
  if (!r.ok) throw r.error;
  return r.value;
}

const pair = must(await generateIssuerKeyPair({ kid: 'bench' }));
const signer = must(await importSigningKey(pair.privateJwk));
const keys = must(await importKeySet({ keys: [pair.publicJwk] }));
const tokens: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const id = `b1e52546-f2db-4053-b2dd-${i.toString(16).padStart(12, '0')}`;
  tokens.push(
    must(
      await issueEntitlement({
        license: {
          kind: 'capacity',
          licenseId: id,
          customerId: '2133c667-af41-4518-94df-a2bb3b775330',
          model: '72220-200',
          issuedAt: '2026-01-10T08:00:00Z',
          activatedAt: '2026-01-12T09:30:00Z',
          capacity: 200,
          trial: false,
        },
        smartServerId: SID,
        issuer: ISSUER,
        signingKey: signer,
        now: NOW - 86_400_000,
      }),
    ),
  );
}
const options: VerifyOptions = { keys, smartServerId: SID, issuer: ISSUER, now: NOW };

// The same signing inputs and signatures, for the bare baseline.
const publicKey = createPublicKey({
  key: { kty: 'OKP', crv: 'Ed25519', x: pair.publicJwk.x },
  format: 'jwk',
});
const inputs = tokens.map((t) => {
  const dot = t.lastIndexOf('.');
  return { data: Buffer.from(t.slice(0, dot)), signature: Buffer.from(t.slice(dot + 1), 'base64url') };
});

async function measure(name: string, run: () => Promise<number> | number): Promise<number> {
  let best = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const ok = await run();
    const seconds = (performance.now() - start) / 1000;
    if (ok !== COUNT) throw new Error(`${name}: only ${ok} of ${COUNT} verified`);
    best = Math.max(best, COUNT / seconds);
  }
  console.log(`${name.padEnd(46)} ${Math.round(best).toString().padStart(7)} tokens/s`);
  return best;
}

console.log(`Ed25519, ${COUNT} tokens, best of ${ROUNDS} rounds, Node ${process.version}`);
const bare = await measure('bare crypto.verify(ed25519), one by one', () => {
  let ok = 0;
  for (const { data, signature } of inputs) if (bareVerify(null, data, publicKey, signature)) ok++;
  return ok;
});
const sequential = await measure('verifyEntitlement, awaited one by one', async () => {
  let ok = 0;
  for (const token of tokens) if ((await verifyEntitlement(token, options)).valid) ok++;
  return ok;
});
const batched = await measure(`verifyEntitlements, batches of ${BATCH}`, async () => {
  let ok = 0;
  for (let i = 0; i < tokens.length; i += BATCH) {
    ok += (await verifyEntitlements(tokens.slice(i, i + BATCH), options)).accepted.length;
  }
  return ok;
});
record({
  figure: 'verifyEntitlement, one by one',
  value: sequential,
  unit: 'tokens/s',
  baseline: 'bare crypto.verify',
  baselineValue: bare,
  ratio: sequential / bare,
});
record({
  figure: `verifyEntitlements, batches of ${BATCH}`,
  value: batched,
  unit: 'tokens/s',
  baseline: 'bare crypto.verify',
  baselineValue: bare,
  ratio: batched / bare,
  target: '>= 0.8',
});
console.log(`ratio verifyEntitlement / bare (one by one):    ${(sequential / bare).toFixed(2)}`);
console.log(`ratio verifyEntitlements / bare (batch):        ${(batched / bare).toFixed(2)}  (target ≥ 0.8)`);
