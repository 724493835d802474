// Who may do what: sessions, CSRF, rate limits, and the lines between partners and customers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { engines } from './engines.js';
import { addAccount, Client, startTestCloud, type TestCloud } from './harness.js';
import { bodyOf, startSmtp } from './smtp.js';

for (const engine of engines()) {
  describe(`who may do what, on ${engine.name}`, () => {
    let t: TestCloud;
    let smtp: Awaited<ReturnType<typeof startSmtp>>;
    let alice: Client;
    let bob: Client;
    let aliceCustomer: string;
    let aliceLicense: string;
    let bobCustomerLicense: string;

    before(async () => {
      smtp = await startSmtp();
      t = await startTestCloud(engine, { smtp: { host: '127.0.0.1', port: smtp.port }, loginAttempts: 50 });
      const a = await addAccount(t.cloud, 'partner');
      const b = await addAccount(t.cloud, 'partner');
      alice = new Client(t.url);
      bob = new Client(t.url);
      await alice.loginAccount(a.email, a.password);
      await bob.loginAccount(b.email, b.password);
      aliceCustomer = (await alice.post('/api/v1/partner/customers', { name: 'Alice project' })).body
        .customerId;
      aliceLicense = (await alice.post('/api/v1/partner/licenses', { model: '72220-10' })).body.licenseId;
      const bobCustomer = (await bob.post('/api/v1/partner/customers', { name: 'Bob project' })).body
        .customerId;
      const bobBought = (await bob.post('/api/v1/partner/licenses', { model: '72220-50' })).body.licenseId;
      bobCustomerLicense = (
        await bob.post(`/api/v1/partner/licenses/${bobBought}/transfer`, { customerId: bobCustomer })
      ).body.created.licenseId;
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    it('sets the session cookie HttpOnly and SameSite=Strict, and refuses a wrong password', async () => {
      const a = await addAccount(t.cloud, 'partner');
      const reply = await new Client(t.url).post('/api/v1/session/account', {
        email: a.email,
        password: a.password,
      });
      const cookie = reply.headers.get('set-cookie') ?? '';
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      const wrong = await new Client(t.url).post('/api/v1/session/account', {
        email: a.email,
        password: 'nope',
      });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.message, 'Wrong email or password.');
      const unknown = await new Client(t.url).post('/api/v1/session/account', {
        email: 'ghost@example.com',
        password: 'nope',
      });
      assert.equal(unknown.body.error.message, 'Wrong email or password.');
    });

    it('refuses a state-changing request without the session’s CSRF token', async () => {
      const saved = alice.csrf;
      alice.csrf = '';
      const missing = await alice.post('/api/v1/partner/customers', { name: 'No token' });
      alice.csrf = 'forged-token';
      const forged = await alice.post('/api/v1/partner/customers', { name: 'Forged token' });
      alice.csrf = saved;
      assert.equal(missing.status, 403);
      assert.equal(forged.status, 403);
      const names = (await alice.get('/api/v1/partner/customers')).body.customers.map(
        (c: { name: string }) => c.name,
      );
      assert.deepEqual(names, ['Alice project']);
    });

    it('R24: a partner sees only its own customers and inventory, and cannot act on another’s', async () => {
      const bobsView = await bob.get('/api/v1/partner/customers');
      assert.ok(!bobsView.body.customers.some((c: { customerId: string }) => c.customerId === aliceCustomer));
      assert.ok(
        !(await bob.get('/api/v1/partner/inventory')).body.licenses.some(
          (l: { licenseId: string }) => l.licenseId === aliceLicense,
        ),
      );
      assert.equal(
        (await bob.post(`/api/v1/partner/licenses/${aliceLicense}/transfer`, { customerId: aliceCustomer }))
          .status,
        404,
      );
      assert.equal(
        (await bob.post(`/api/v1/partner/customers/${aliceCustomer}/emails`, { email: 'spy@example.com' }))
          .status,
        404,
      );
    });

    it('a customer sees only its own account and cannot call partner or support routes', async () => {
      const customer = new Client(t.url);
      assert.equal((await customer.loginCustomer(bobCustomerLicense)).status, 200);
      const own = await customer.get('/api/v1/customer/licenses');
      assert.deepEqual(
        own.body.licenses.map((l: { licenseId: string }) => l.licenseId),
        [bobCustomerLicense],
      );
      assert.equal((await customer.get('/api/v1/partner/inventory')).status, 403);
      assert.equal(
        (
          await customer.post('/api/v1/support/offline-files', {
            smartServerId: 'S',
            licenseIds: [bobCustomerLicense],
          })
        ).status,
        403,
      );
      assert.equal((await alice.get('/api/v1/customer/licenses')).status, 403);
      assert.equal((await new Client(t.url).get('/api/v1/partner/customers')).status, 401);
    });

    it('a partner’s License ID still in its inventory is no Customer Portal login', async () => {
      assert.equal((await new Client(t.url).loginCustomer(aliceLicense)).status, 401);
    });

    it('R20: a contact address gets a one-time login link by mail; the link works once', async () => {
      await alice.post(`/api/v1/partner/customers/${aliceCustomer}/emails`, {
        email: 'Facility@Example.com',
      });
      const asked = await new Client(t.url).post('/api/v1/session/customer/link', {
        email: 'facility@example.com',
      });
      assert.equal(asked.status, 202);
      const unknown = await new Client(t.url).post('/api/v1/session/customer/link', {
        email: 'nobody@example.com',
      });
      assert.equal(unknown.status, 202, 'unknown addresses get the same answer');
      const mail = smtp.inbox.find((m) => m.to.includes('facility@example.com'));
      assert.ok(mail, 'the login mail arrived at the SMTP server');
      assert.equal(smtp.inbox.filter((m) => m.to.includes('nobody@example.com')).length, 0);
      const token = /#login=([A-Za-z0-9_-]+)/.exec(bodyOf(mail.raw))?.[1];
      assert.ok(token);
      const customer = new Client(t.url);
      const redeemed = await customer.post('/api/v1/session/customer/redeem', { token });
      assert.equal(redeemed.status, 200, redeemed.text);
      assert.equal(redeemed.body.customerId, aliceCustomer);
      assert.equal((await new Client(t.url).post('/api/v1/session/customer/redeem', { token })).status, 401);
    });

    it('logging out ends the session', async () => {
      const a = await addAccount(t.cloud, 'partner');
      const client = new Client(t.url);
      await client.loginAccount(a.email, a.password);
      assert.equal((await client.get('/api/v1/partner/customers')).status, 200);
      assert.equal((await client.request('DELETE', '/api/v1/session')).status, 204);
      assert.equal((await client.get('/api/v1/partner/customers')).status, 401);
    });
  });

  describe(`login rate limit on ${engine.name}`, () => {
    let t: TestCloud;
    before(async () => {
      t = await startTestCloud(engine, { loginAttempts: 3 });
    });
    after(() => t.close());

    it('refuses the fourth attempt in the window with 429 and Retry-After, even with the right password', async () => {
      const a = await addAccount(t.cloud, 'partner');
      const client = new Client(t.url);
      for (let i = 0; i < 3; i++)
        assert.equal(
          (await client.post('/api/v1/session/account', { email: a.email, password: 'x' })).status,
          401,
        );
      const limited = await client.post('/api/v1/session/account', { email: a.email, password: a.password });
      assert.equal(limited.status, 429);
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
      t.clock.now = new Date(t.clock.now.getTime() + 16 * 60_000);
      assert.equal(
        (await client.post('/api/v1/session/account', { email: a.email, password: a.password })).status,
        200,
      );
    });
  });
}
