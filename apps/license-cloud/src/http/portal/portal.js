// The Partner and Customer Portal pages. All data goes into the page as text nodes.
const page = document.body.dataset.page;
let csrf = sessionStorage.getItem(`csrf:${page}`) ?? '';
const $ = (selector) => document.querySelector(selector);

async function api(method, path, body) {
  const headers = { 'x-csrf-token': csrf };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('content-type') ?? '';
  const payload =
    type.includes('json') && response.status !== 204 ? await response.json() : await response.text();
  if (!response.ok) throw new Error(payload?.error?.message ?? `HTTP ${response.status}`);
  return { payload, response };
}

function say(message, isError = false) {
  const box = $('#message');
  box.setAttribute('role', isError ? 'alert' : 'status');
  box.textContent = message;
}

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  row.append(td);
  return td;
}

function fillTable(selector, items, columns) {
  const body = $(`${selector} tbody`);
  body.replaceChildren();
  for (const item of items) {
    const row = document.createElement('tr');
    for (const column of columns) cell(row, typeof column === 'function' ? column(item) : item[column]);
    body.append(row);
  }
  $(`${selector}`).hidden = items.length === 0;
  $(`${selector} + .empty`)?.toggleAttribute('hidden', items.length !== 0);
}

function showSignedIn(signedIn) {
  $('#login').hidden = signedIn;
  $('#app').hidden = !signedIn;
}

function onSubmit(selector, handler) {
  $(selector).addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    try {
      await handler(Object.fromEntries(new FormData(form)));
      form.reset();
    } catch (error) {
      say(error.message, true);
    }
  });
}

function rememberSession(token) {
  csrf = token;
  sessionStorage.setItem(`csrf:${page}`, token);
}

$('#logout')?.addEventListener('click', async () => {
  await api('DELETE', '/api/v1/session').catch(() => undefined);
  sessionStorage.removeItem(`csrf:${page}`);
  csrf = '';
  showSignedIn(false);
  say('Logged out.');
});

if (page === 'partner') {
  async function refresh() {
    const customers = (await api('GET', '/api/v1/partner/customers')).payload.customers;
    fillTable('#customers', customers, ['name', 'customerId', (c) => c.emails.join(', ')]);
    const select = $('#transfer-customer');
    select.replaceChildren(
      ...customers.map((c) =>
        Object.assign(document.createElement('option'), { value: c.customerId, textContent: c.name }),
      ),
    );
    const emailSelect = $('#email-customer');
    emailSelect.replaceChildren(...[...select.options].map((o) => o.cloneNode(true)));
    const mine = (await api('GET', '/api/v1/partner/inventory')).payload.licenses;
    fillTable('#my-inventory', mine, ['licenseId', 'model', 'kind', 'capacity', 'createdAt']);
    $('#transfer-license').replaceChildren(
      ...mine.map((l) =>
        Object.assign(document.createElement('option'), {
          value: l.licenseId,
          textContent: `${l.model} · ${l.licenseId}`,
        }),
      ),
    );
    const theirs = (await api('GET', '/api/v1/partner/customer-inventory')).payload.licenses;
    const names = new Map(customers.map((c) => [c.customerId, c.name]));
    fillTable('#customer-inventory', theirs, [
      (l) => names.get(l.customerId),
      'licenseId',
      'model',
      'supersedes',
      (l) => l.boundTo ?? '—',
    ]);
  }
  onSubmit('#login', async (form) => {
    rememberSession((await api('POST', '/api/v1/session/account', form)).payload.csrfToken);
    showSignedIn(true);
    await refresh();
    say('Logged in.');
  });
  onSubmit('#new-customer', async (form) => {
    const created = (await api('POST', '/api/v1/partner/customers', form)).payload;
    say(`Added ${created.name}: Customer ID ${created.customerId}`);
    await refresh();
  });
  onSubmit('#new-email', async (form) => {
    await api('POST', `/api/v1/partner/customers/${form.customerId}/emails`, { email: form.email });
    say(`Added ${form.email}.`);
    await refresh();
  });
  onSubmit('#new-license', async (form) => {
    const body = { model: form.model, ...(form.termYears ? { termYears: Number(form.termYears) } : {}) };
    const created = (await api('POST', '/api/v1/partner/licenses', body)).payload;
    say(`Added ${created.model}: License ID ${created.licenseId}`);
    await refresh();
  });
  onSubmit('#transfer', async (form) => {
    const moved = (
      await api('POST', `/api/v1/partner/licenses/${form.licenseId}/transfer`, {
        customerId: form.customerId,
      })
    ).payload;
    say(
      `Transferred: new License ID ${moved.created.licenseId} (the old ${moved.old.licenseId} is retired).`,
    );
    await refresh();
  });
  if (csrf)
    refresh().then(
      () => showSignedIn(true),
      () => showSignedIn(false),
    );
}

if (page === 'customer') {
  async function refresh() {
    const licenses = (await api('GET', '/api/v1/customer/licenses')).payload.licenses;
    fillTable('#licenses', licenses, [
      'licenseId',
      'model',
      'kind',
      'capacity',
      (l) => l.boundTo ?? 'not activated',
    ]);
    $('#file-license').replaceChildren(
      ...licenses
        .filter((l) => l.kind === 'capacity' && !l.boundTo)
        .map((l) =>
          Object.assign(document.createElement('option'), {
            value: l.licenseId,
            textContent: `${l.model} · ${l.licenseId}`,
          }),
        ),
    );
  }
  onSubmit('#login', async (form) => {
    rememberSession((await api('POST', '/api/v1/session/customer', form)).payload.csrfToken);
    showSignedIn(true);
    await refresh();
    say('Logged in.');
  });
  onSubmit('#login-link', async (form) => {
    await api('POST', '/api/v1/session/customer/link', form);
    say('If a partner added this address, a login link is on its way.');
  });
  onSubmit('#offline-file', async (form) => {
    const { payload, response } = await api('POST', '/api/v1/customer/offline-files', {
      smartServerId: form.smartServerId,
      licenseIds: [form.licenseId],
    });
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'license.json';
    const link = Object.assign(document.createElement('a'), {
      href: URL.createObjectURL(new Blob([payload], { type: 'application/json' })),
      download: name,
    });
    link.click();
    say(`Created ${name}: add it in the SmartServer's Manage Licenses dialog (Add License).`);
    await refresh();
  });
  const token = /#login=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1];
  if (token) {
    history.replaceState(null, '', location.pathname);
    api('POST', '/api/v1/session/customer/redeem', { token }).then(
      async ({ payload }) => {
        rememberSession(payload.csrfToken);
        showSignedIn(true);
        await refresh();
      },
      (error) => say(error.message, true),
    );
  } else if (csrf)
    refresh().then(
      () => showSignedIn(true),
      () => showSignedIn(false),
    );
}
