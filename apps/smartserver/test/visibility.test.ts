// Story 6: a License ID logs into the Customer Portal, so it is a credential. Only the Owner
// gets License IDs from the status API and the live channel; every other CMS user sees counts,
// statuses and findings without them.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { engines, NO_CLOUD, openEvents, startSmartServer, type TestSmartServer } from './harness.js';
import { FakeTime } from './fake-time.js';
import { LOCAL_ISSUER, LocalIssuer } from './local-issuer.js';

let issuer: LocalIssuer;
before(async () => {
  issuer = await LocalIssuer.create();
});

for (const engine of engines()) {
  describe(`License IDs are for the Owner only, on ${engine.name}`, () => {
    let ss: TestSmartServer;
    const licenseIds: string[] = [];

    before(async () => {
      const time = new FakeTime(new Date('2026-03-01T10:00:00Z'));
      const db = await engine.open();
      ss = await startSmartServer(db, NO_CLOUD, {
        jwks: issuer.jwks,
        issuer: LOCAL_ISSUER,
        time,
        extraDevices: 3,
      });
      const me = { smartServerId: ss.server.identity.smartServerId, keyThumbprint: ss.server.key.thumbprint };
      const capacity = await issuer.token(me, '72220-50', time.now);
      const maintenance = await issuer.token(me, '92201R-P-50', time.now, { termYears: 1 });
      // A trial that ran out, and one that ends soon: both raise findings that name their License ID.
      const expired = await issuer.token(me, '72220-00', new Date('2025-11-01T10:00:00Z'), { now: time.now });
      const ending = await issuer.token(me, '72220-00', new Date('2025-12-10T10:00:00Z'), { now: time.now });
      const owner = await ss.as('Owner');
      const added = await owner.request('POST', '/iap/lic', undefined, {
        raw: await issuer.file(
          me,
          [capacity.token, maintenance.token, expired.token, ending.token],
          time.now,
        ),
      });
      assert.equal(added.status, 200, added.text);
      // A token the store refuses (bound to another key), put straight into the database: its
      // LICENSE_REJECTED finding names the License ID too.
      const foreign = await issuer.token(
        { smartServerId: me.smartServerId, keyThumbprint: 'A'.repeat(43) },
        '72220-10',
        time.now,
      );
      await db.query(
        "INSERT INTO license_tokens (license_id, token, channel, accepted_at, activation_id) VALUES ($1, $2, 'offline', $3, $4)",
        [foreign.licenseId, foreign.token, time.now, randomUUID()],
      );
      await owner.post('/api/devices', { name: 'Recompute now', protocol: 'lon' });
      licenseIds.push(
        capacity.licenseId,
        maintenance.licenseId,
        expired.licenseId,
        ending.licenseId,
        foreign.licenseId,
      );
    });
    after(() => ss?.close());

    it('R22: the Owner sees every License ID in the status and the live channel', async () => {
      const owner = await ss.as('Owner');
      const status = await owner.get('/iap/lic/status');
      const findings = status.body.state.findings.map((f: { code: string }) => f.code);
      for (const code of ['TRIAL_EXPIRED', 'TRIAL_EXPIRING', 'LICENSE_REJECTED'])
        assert.ok(findings.includes(code), `${code} in ${findings}`);
      const events = await openEvents(ss.url, owner);
      await events.next();
      for (const id of licenseIds) {
        assert.ok(status.text.toLowerCase().includes(id.toLowerCase()), `status lacks ${id}`);
        assert.ok(events.raw().toLowerCase().includes(id.toLowerCase()), `live channel lacks ${id}`);
      }
      events.close();
    });

    for (const type of ['Admin', 'Supervisor', 'User'] as const) {
      it(`R22: ${type} sees counts, statuses and findings, and no License ID in the status or the live channel`, async () => {
        const client = await ss.as(type);
        const status = await client.get('/iap/lic/status');
        assert.equal(status.status, 200);
        assert.equal(status.body.userType, type);
        assert.equal(status.body.state.capacity.licensed, 55);
        assert.equal(status.body.state.maintenance.status, 'active');
        assert.deepEqual(status.body.state.licenses, []);
        assert.ok(status.body.state.findings.some((f: { code: string }) => f.code === 'TRIAL_EXPIRED'));
        const events = await openEvents(ss.url, client);
        const first = await events.next();
        assert.equal(first.state.capacity.licensed, 55);
        // A change pushes a new state: it carries no License ID either.
        await client.post('/api/devices', { name: `Seen by ${type}`, protocol: 'bacnet' });
        await events.next();
        events.close();
        for (const id of licenseIds) {
          assert.ok(!status.text.toLowerCase().includes(id.toLowerCase()), `status shows ${id} to ${type}`);
          assert.ok(
            !events.raw().toLowerCase().includes(id.toLowerCase()),
            `live channel shows ${id} to ${type}`,
          );
        }
      });
    }
  });
}
