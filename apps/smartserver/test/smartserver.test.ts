// The reference SmartServer over HTTP, against a real license cloud process.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from '@smartserver-licensing/server-kit';
import type { HttpTestClient, Reply } from '@smartserver-licensing/server-kit/testing';
import {
  engines,
  requestOf,
  startCloud,
  startSmartServer,
  type TestCloud,
  type TestSmartServer,
} from './harness.js';
import { snapshot } from './snapshot.js';

let cloud: TestCloud;
before(async () => {
  cloud = await startCloud();
});
after(() => cloud?.close());

function refused(reply: Reply, what: string) {
  assert.ok(
    reply.status >= 400 && reply.status < 500,
    `${what}: expected 4xx, got ${reply.status} ${reply.text.slice(0, 200)}`,
  );
  assert.equal(typeof reply.body?.error?.message, 'string', `${what}: no message`);
}

for (const engine of engines()) {
  describe(`SmartServer on ${engine.name}`, () => {
    let db: Db;
    let ss: TestSmartServer;
    let owner: HttpTestClient;
    const sid = `SID-${engine.name.replace(/\W/g, '')}`;

    before(async () => {
      db = await engine.open();
      ss = await startSmartServer(db, cloud.url, { smartServerId: sid, extraDevices: 3 });
      owner = await ss.as('Owner');
    });
    after(async () => {
      await ss?.close();
    });

    const state = async () => (await owner.get('/iap/lic/status')).body.state;

    it('R14, R22: with no license, every device is unlicensed, the badge shows and the dialog opens by itself', async () => {
      const s = await state();
      assert.deepEqual(s.capacity, { licensed: 0, used: 4, unlicensed: 4, badge: true });
      assert.equal(s.manageLicenses.autoOpen, true);
      assert.ok(s.devices.every((d: { licensed: boolean }) => !d.licensed));
    });

    it('R11: a device-facing operation on an unlicensed device is refused with the reason; creating a device is not', async () => {
      const refusedOp = await owner.post('/api/devices/dev-1/operations/provision');
      assert.equal(refusedOp.status, 403);
      assert.equal(refusedOp.body.error.detail.code, 'DEVICE_UNLICENSED');
      assert.match(refusedOp.body.error.message, /licen/i);
      assert.equal((await owner.post('/api/devices/dev-1/operations/set-up-schedules')).status, 200);
      const created = await owner.post('/api/devices', { name: 'VAV box 7', protocol: 'lon' });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.licensed, false);
      assert.equal((await state()).capacity.used, 5);
    });

    it('R19: the Owner enters the Customer ID, the cloud confirms it, and an unknown one is refused', async () => {
      refused(await owner.put('/iap/lic/accounts', { customerId: 'P-Building 1' }), 'not a UUID');
      const unknown = await owner.put('/iap/lic/accounts', {
        customerId: '00000000-0000-4000-8000-000000000000',
      });
      assert.equal(unknown.status, 404);
      const set = await owner.put('/iap/lic/accounts', { customerId: cloud.customerId });
      assert.equal(set.status, 200, set.text);
      const account = {
        customerId: cloud.customerId,
        smartServerId: sid,
        segmentController: 'Building 1 SmartServer',
        installCode: ss.server.key.installCode,
      };
      assert.deepEqual(set.body, account);
      assert.deepEqual((await owner.get('/iap/lic/accounts')).body, account);
    });

    it('R19, R13, R14: downloading a capacity license licenses the devices and clears the badge', async () => {
      const { licenseId } = await cloud.license('72220-10');
      const listed = await owner.get('/iap/lic/cloud');
      assert.equal(listed.status, 200, listed.text);
      const entry = listed.body.licenses.find((l: { licenseId: string }) => l.licenseId === licenseId);
      assert.equal(entry.activatedOn, null);
      const download = await owner.post('/iap/lic/cloud/download', { licenseIds: [licenseId] });
      assert.deepEqual(download.body.results, [{ licenseId, ok: true }]);
      const s = await state();
      assert.deepEqual(s.capacity, { licensed: 10, used: 5, unlicensed: 0, badge: false });
      assert.ok(s.devices.every((d: { licensed: boolean }) => d.licensed));
      assert.equal((await owner.post('/api/devices/dev-1/operations/provision')).status, 200);
      const after = await owner.get('/iap/lic/cloud');
      assert.equal(
        after.body.licenses.find((l: { licenseId: string }) => l.licenseId === licenseId).activatedOn,
        'Building 1 SmartServer',
      );
    });

    it('R23: the Owner saves a note on a license', async () => {
      const licenseId = (await state()).licenses[0].licenseId;
      const saved = await owner.patch(`/iap/lic/licenses/${licenseId}`, {
        note: 'Bought with the <b>building</b>',
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal((await state()).licenses[0].note, 'Bought with the <b>building</b>');
    });

    it('R19: returning the license to the cloud takes the capacity away again', async () => {
      const licenseId = (await state()).licenses[0].licenseId;
      const returned = await owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] });
      assert.deepEqual(returned.body.results, [{ licenseId, ok: true, delivered: true }]);
      assert.deepEqual((await owner.get('/iap/lic/returns')).body, { returns: [] });
      const s = await state();
      assert.equal(s.capacity.licensed, 0);
      assert.equal(s.capacity.badge, true);
      const again = await owner.post('/iap/lic/cloud/upload', { licenseIds: [licenseId] });
      assert.equal(again.body.results[0].code, 'NOT_HERE');
    });

    it('R20: a device-capacity file from the Customer Portal answers this SmartServer’s request and is added; a replay and a file for another SmartServer are refused', async () => {
      const { licenseId } = await cloud.license('72220-50');
      const request = await owner.get('/iap/lic/activation-request');
      assert.equal(request.status, 200, request.text);
      const customer = await cloud.customer(licenseId);
      const file = await customer.post('/api/v1/customer/offline-files', {
        requestFile: request.text,
        licenseIds: [licenseId],
      });
      assert.equal(file.status, 201, file.text);
      const added = await owner.request('POST', '/iap/lic', undefined, { raw: file.text });
      assert.equal(added.status, 200, added.text);
      assert.deepEqual(added.body.results, [{ index: 0, ok: true, licenseId }]);
      assert.equal((await state()).capacity.licensed, 50);
      const replay = await owner.request('POST', '/iap/lic', undefined, { raw: file.text });
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error.code, 'FILE_REPLAYED');
      const other = await cloud.license('72220-10');
      const foreign = await customer.post('/api/v1/customer/offline-files', {
        requestFile: await requestOf('SID-elsewhere'),
        licenseIds: [other.licenseId],
      });
      assert.equal(foreign.status, 201, foreign.text);
      const wrong = await owner.request('POST', '/iap/lic', undefined, { raw: foreign.text });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.code, 'FILE_WRONG_SMARTSERVER');
    });

    it('R21, R16: a maintenance file from support makes maintenance active with its end date', async () => {
      const { licenseId } = await cloud.license('92201R-P-50');
      const request = await owner.get('/iap/lic/activation-request');
      const file = await cloud.support.post('/api/v1/support/offline-files', {
        requestFile: request.text,
        licenseIds: [licenseId],
      });
      assert.equal(file.status, 201, file.text);
      const added = await owner.request('POST', '/iap/lic', undefined, { raw: file.text });
      assert.equal(added.status, 200, added.text);
      assert.equal(added.body.results[0].ok, true, added.text);
      const { maintenance } = await state();
      assert.equal(maintenance.status, 'active');
      assert.match(maintenance.endDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(maintenance.coveredDevices, 50);
    });

    it('R18: the Owner’s reminder settings are saved here and in the cloud; bad ones change nothing', async () => {
      const settings = { daysBeforeExpiry: [60, 14], recipients: ['owner@example.com'] };
      assert.equal((await owner.put('/iap/lic/notifications', settings)).status, 200);
      assert.deepEqual((await owner.get('/iap/lic/notifications')).body, settings);
      refused(
        await owner.put('/iap/lic/notifications', { daysBeforeExpiry: [5, 5], recipients: [] }),
        'repeated day',
      );
      assert.deepEqual((await owner.get('/iap/lic/notifications')).body, settings);
    });

    it('R22: Admin, Supervisor and User get 403 on every Owner route, and may still read the status', async () => {
      const ownerRoutes = ss.server.routes.filter((r) => r.access === 'owner');
      assert.ok(ownerRoutes.length >= 9, `${ownerRoutes.length} owner routes`);
      for (const type of ['Admin', 'Supervisor', 'User'] as const) {
        const client = await ss.as(type);
        for (const r of ownerRoutes) {
          const path = r.path.replace(/:(licenseId|activationId)/, '2133c667-af41-4518-94df-a2bb3b775330');
          const reply = await client.request(r.method.toUpperCase(), path, r.body ? {} : undefined);
          assert.equal(reply.status, 403, `${type} ${r.method} ${r.path}: ${reply.status}`);
          assert.equal(reply.body.error.message, 'Only the SmartServer Owner can manage licenses.');
        }
        const status = await client.get('/iap/lic/status');
        assert.equal(status.status, 200);
        assert.equal(status.body.userType, type);
      }
    });

    it('hostile input on every route gets a 4xx with a message and changes nothing', async () => {
      const before = await snapshot(db);
      for (const r of ss.server.routes.filter((x) => x.body || x.params)) {
        const path = r.path.replace(/:[A-Za-z]+/g, encodeURIComponent("1' OR '1'='1"));
        const real = r.path
          .replace(/:(licenseId|activationId)/, '2133c667-af41-4518-94df-a2bb3b775330')
          .replace(':deviceId', 'dev-1')
          .replace(':operation', 'provision');
        const label = `${r.method.toUpperCase()} ${r.path}`;
        if (r.params)
          refused(
            await owner.request(r.method.toUpperCase(), path, r.body ? {} : undefined),
            `${label} bad params`,
          );
        if (!r.body) continue;
        for (const [what, raw] of [
          ['malformed JSON', '{"a":'],
          ['an array', '[1,2]'],
          ['unknown fields', '{"__proto__":{"x":1},"isOwner":true}'],
          ['deep nesting', '['.repeat(3000) + ']'.repeat(3000)],
          ['a huge body', JSON.stringify({ name: 'x'.repeat(70_000) })],
        ] as const) {
          refused(
            await owner.request(r.method.toUpperCase(), real, undefined, { raw }),
            `${label} with ${what}`,
          );
        }
        refused(
          await owner.request(r.method.toUpperCase(), real, undefined, {
            raw: '{}',
            headers: { 'content-type': 'text/plain' },
          }),
          `${label} as text/plain`,
        );
      }
      const anonymous = new (owner.constructor as typeof HttpTestClient)(ss.url);
      for (const r of ss.server.routes.filter((x) => x.access !== 'public')) {
        const reply = await anonymous.request(
          r.method.toUpperCase(),
          r.path.replace(/:[A-Za-z]+/g, 'x'),
          r.body ? {} : undefined,
        );
        assert.equal(reply.status, 401, `${r.method} ${r.path} without login`);
      }
      const noCsrf = new (owner.constructor as typeof HttpTestClient)(ss.url);
      Object.assign(noCsrf, { cookie: (owner as unknown as { cookie: string }).cookie });
      assert.equal((await noCsrf.post('/api/devices', { name: 'Sneaky', protocol: 'lon' })).status, 403);
      assert.deepEqual(await snapshot(db), before);
    });

    it('R10: the live channel sends the state at once and again when it changes', async () => {
      const controller = new AbortController();
      const response = await fetch(`${ss.url}/iap/lic/status/events`, {
        headers: { cookie: (owner as unknown as { cookie: string }).cookie, accept: 'text/event-stream' },
        signal: controller.signal,
      });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      let text = '';
      const nextEvent = async () => {
        while (!/\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
        const [event, rest] = [text.slice(0, text.indexOf('\n\n')), text.slice(text.indexOf('\n\n') + 2)];
        text = rest;
        return JSON.parse(/^data: (.*)$/m.exec(event)![1]!);
      };
      const first = await nextEvent();
      await owner.post('/api/devices', { name: 'Live one', protocol: 'modbus' });
      const second = await nextEvent();
      assert.equal(second.state.capacity.used, first.state.capacity.used + 1);
      controller.abort();
    });
  });
}
