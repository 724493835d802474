// Story 5: time passes and nobody does anything. The state recomputes at the moment the clock
// alone changes it (a trial's end, midnight in the SmartServer's zone), pushes it on the live
// channel, and device operations are checked against the state of now. A fake clock and the
// injectable scheduler stand in for waiting.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines, NO_CLOUD, openEvents, startSmartServer, type TestSmartServer } from './harness.js';
import { FakeTime, neverScheduler } from './fake-time.js';
import { LOCAL_ISSUER, LocalIssuer } from './local-issuer.js';

let issuer: LocalIssuer;
before(async () => {
  issuer = await LocalIssuer.create();
});

/** Adds a file of these tokens through the Owner's API. */
async function addTokens(ss: TestSmartServer, tokens: string[]) {
  const owner = await ss.as('Owner');
  const text = await issuer.file(forServer(ss), tokens, ss.clock.now);
  const added = await owner.request('POST', '/iap/lic', undefined, { raw: text });
  assert.equal(added.status, 200, added.text);
  assert.ok(
    added.body.results.every((r: { ok: boolean }) => r.ok),
    added.text,
  );
}

const forServer = (ss: TestSmartServer) => ({
  smartServerId: ss.server.identity.smartServerId,
  keyThumbprint: ss.server.key.thumbprint,
});

for (const engine of engines()) {
  describe(`time passes, on ${engine.name}`, () => {
    const servers: TestSmartServer[] = [];
    after(async () => {
      for (const ss of servers) await ss.close();
    });

    it('R6, R11: a trial ends with nobody acting: the live channel pushes the state without it, and a device it licensed is refused', async () => {
      const time = new FakeTime(new Date('2026-03-01T09:30:00Z'));
      const ss = await startSmartServer(await engine.open(), NO_CLOUD, {
        jwks: issuer.jwks,
        issuer: LOCAL_ISSUER,
        time,
        extraDevices: 2,
        timeZone: 'Europe/Berlin',
      });
      servers.push(ss);
      const trial = await issuer.token(forServer(ss), '72220-00', time.now);
      await addTokens(ss, [trial.token]);
      let owner = await ss.as('Owner');
      const events = await openEvents(ss.url, owner);
      const first = await events.next();
      assert.equal(first.state.capacity.licensed, 5);
      assert.equal((await owner.post('/api/devices/dev-2/operations/provision')).status, 200);
      const endsAt = Date.parse(first.state.licenses[0].expiresAt);

      // Every midnight before the end pushes a state in which the trial still counts.
      const beforeEnd = await time.advance(endsAt - 1);
      assert.ok(beforeEnd >= 89, `${beforeEnd} midnights passed`);
      for (let i = 0; i < beforeEnd; i++) assert.equal((await events.next()).state.capacity.licensed, 5);
      // (Sessions last 8 hours of this clock: log in again.)
      owner = await ss.as('Owner');
      assert.equal((await owner.post('/api/devices/dev-2/operations/provision')).status, 200);

      // The trial's end: exactly one recomputation, pushed without any request.
      assert.equal(await time.advance(endsAt), 1);
      const ended = await events.next();
      assert.equal(ended.state.capacity.licensed, 0);
      assert.equal(ended.state.capacity.badge, true);
      assert.equal(ended.state.licenses[0].status, 'expired');
      assert.ok(ended.state.devices.every((d: { licensed: boolean }) => !d.licensed));
      const refused = await owner.post('/api/devices/dev-2/operations/provision');
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.detail.code, 'DEVICE_UNLICENSED');
      events.close();
    });

    it('R11: a request after the trial’s end sees the state of now even if no timer ever fired', async () => {
      const time = new FakeTime(new Date('2026-03-01T09:30:00Z'));
      const ss = await startSmartServer(await engine.open(), NO_CLOUD, {
        jwks: issuer.jwks,
        issuer: LOCAL_ISSUER,
        time,
        scheduler: neverScheduler,
        extraDevices: 1,
      });
      servers.push(ss);
      const trial = await issuer.token(forServer(ss), '72220-00', time.now);
      await addTokens(ss, [trial.token]);
      const owner = await ss.as('Owner');
      assert.equal((await owner.post('/api/devices/dev-1/operations/read-datapoints')).status, 200);
      time.now = new Date(Date.parse('2026-03-01T09:30:00Z') + 90 * 86_400_000);
      const later = await ss.as('Owner');
      const refused = await later.post('/api/devices/dev-1/operations/read-datapoints');
      assert.equal(refused.status, 403, refused.text);
      assert.equal((await later.get('/iap/lic/status')).body.state.capacity.licensed, 0);
    });

    it('R16: maintenance goes Active → Expires at the 60-day boundary → Inactive, each at midnight in the SmartServer’s zone', async () => {
      const zone = 'America/New_York';
      // A one-year term activated on 2025-07-01 (New York) ends on 2026-06-30.
      const time = new FakeTime(new Date('2026-04-30T12:00:00-04:00'));
      const ss = await startSmartServer(await engine.open(), NO_CLOUD, {
        jwks: issuer.jwks,
        issuer: LOCAL_ISSUER,
        time,
        timeZone: zone,
      });
      servers.push(ss);
      const maintenance = await issuer.token(
        forServer(ss),
        '92201R-P-10',
        new Date('2025-07-01T10:00:00-04:00'),
        {
          termYears: 1,
          now: time.now,
        },
      );
      await addTokens(ss, [maintenance.token]);
      const owner = await ss.as('Owner');
      const events = await openEvents(ss.url, owner);
      const first = (await events.next()).state.maintenance;
      assert.equal(first.endDate, '2026-06-30');
      assert.equal(first.status, 'active');
      assert.equal(first.daysLeft, 61);

      // 23:59:59.999 in New York is already 03:59 UTC the next day: still Active, no push.
      assert.equal(await time.advance('2026-04-30T23:59:59.999-04:00'), 0);
      assert.equal(
        (await (await ss.as('Owner')).get('/iap/lic/status')).body.state.maintenance.status,
        'active',
      );
      assert.equal(await time.advance('2026-05-01T00:00:00-04:00'), 1);
      const expiring = (await events.next()).state.maintenance;
      assert.deepEqual([expiring.status, expiring.daysLeft], ['expiring', 60]);

      // Every midnight until the end day's last moment keeps it "Expires 2026-06-30".
      const days = await time.advance('2026-06-30T23:59:59.999-04:00');
      assert.equal(days, 60);
      for (let i = 0; i < days; i++) assert.equal((await events.next()).state.maintenance.status, 'expiring');
      assert.equal(await time.advance('2026-07-01T00:00:00-04:00'), 1);
      const inactive = (await events.next()).state.maintenance;
      assert.deepEqual([inactive.status, inactive.daysLeft], ['inactive', -1]);
      events.close();
    });
  });
}
