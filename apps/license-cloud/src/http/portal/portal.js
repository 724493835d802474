// The Partner Portal, Customer Portal and support pages. All data goes into the page as text nodes.
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
  // A file answer (an activation file) is kept as the text the cloud sent, to be saved as is.
  const file = /^attachment/.test(response.headers.get('content-disposition') ?? '');
  const payload =
    type.includes('json') && response.status !== 204 && !file ? await response.json() : await response.text();
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
      await handler(Object.fromEntries(new FormData(form)), new FormData(form));
      form.reset();
      form.querySelector('#request-summary')?.setAttribute('hidden', '');
    } catch (error) {
      say(error.message, true);
    }
  });
}

function options(select, items, value, label) {
  $(select).replaceChildren(
    ...items.map((item) =>
      Object.assign(document.createElement('option'), { value: value(item), textContent: label(item) }),
    ),
  );
}

/** Offers a file answer as a download, under the name the cloud gave it. */
function saveDownload(payload, response, fallback) {
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallback;
  const link = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(new Blob([payload], { type: 'application/json' })),
    download: name,
  });
  link.click();
  return name;
}

/** What a SmartServer's request file says about itself, to show before sending it (the cloud checks its signature). */
function describeRequestFile(text) {
  try {
    const signed = JSON.parse(text).signed;
    const part = signed.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(part), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return `Request from SmartServer ${claims.smartServerId} (${claims.segmentController}), Install Code ${claims.installCode}.`;
  } catch {
    return 'This file does not look like a SmartServer activation request.';
  }
}

function previewRequestFile() {
  const input = document.querySelector('input[name=requestFile]');
  input?.addEventListener('change', async () => {
    const summary = $('#request-summary');
    const file = input.files?.[0];
    summary.hidden = !file;
    if (file) summary.textContent = describeRequestFile(await file.text());
  });
}

const EVENT_NAMES = {
  registered: 'registered',
  registration_reset: 'registration reset',
  force_released: 'license force-released',
};

/** The registrations of an account and their recent events, with the reset form's choices. */
function showRegistrations(view) {
  fillTable('#smartservers', view.smartServers, ['smartServerId', 'installCode', 'registeredAt']);
  options(
    '#reset-smartserver',
    view.smartServers,
    (s) => s.smartServerId,
    (s) => `${s.smartServerId} · ${s.installCode}`,
  );
  fillTable('#account-events', view.events, [
    'at',
    (e) => `${EVENT_NAMES[e.event] ?? e.event}${e.licenseId ? ` (${e.licenseId})` : ''}`,
    'smartServerId',
    (e) => e.installCode ?? '',
    (e) => e.actor.split(':')[0],
    (e) => e.reason ?? '',
  ]);
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
    options(
      '#release-license',
      theirs.filter((l) => l.boundTo),
      (l) => l.licenseId,
      (l) => `${l.model} · ${l.licenseId} on ${l.boundTo}`,
    );
    const shown = $('#smartservers-customer').value;
    $('#smartservers-customer').replaceChildren(...[...select.options].map((o) => o.cloneNode(true)));
    if (shown) $('#smartservers-customer').value = shown;
  }
  let registrationsOf = '';
  async function loadRegistrations(customerId) {
    registrationsOf = customerId;
    showRegistrations(
      (await api('GET', `/api/v1/partner/customers/${encodeURIComponent(customerId)}/smartservers`)).payload,
    );
  }
  onSubmit('#force-release', async (form) => {
    const released = (
      await api('POST', `/api/v1/partner/licenses/${encodeURIComponent(form.licenseId)}/release`, {
        reason: form.reason,
      })
    ).payload;
    say(`Released ${released.licenseId} from SmartServer ${released.smartServerId}.`);
    await refresh();
    if (registrationsOf) await loadRegistrations(registrationsOf);
  });
  onSubmit('#show-smartservers', async (form) => {
    await loadRegistrations(form.customerId);
    $('#smartservers-customer').value = form.customerId;
  });
  onSubmit('#reset-registration', async (form) => {
    if (!registrationsOf) throw new Error('Show the SmartServers of a customer/project first.');
    const reset = (
      await api(
        'POST',
        `/api/v1/partner/customers/${encodeURIComponent(registrationsOf)}/smartservers/${encodeURIComponent(form.smartServerId)}/reset`,
        form.reason ? { reason: form.reason } : {},
      )
    ).payload;
    say(
      `Reset the registration of ${reset.smartServerId} (Install Code ${reset.installCode}): the SmartServer that links next registers its key.`,
    );
    await loadRegistrations(registrationsOf);
  });
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
    const choices = licenses
      .filter((l) => l.kind === 'capacity' && !l.boundTo)
      .map((l) => {
        const label = document.createElement('label');
        const box = Object.assign(document.createElement('input'), {
          type: 'checkbox',
          name: 'licenseId',
          value: l.licenseId,
        });
        label.append(box, document.createTextNode(` ${l.model} · ${l.licenseId}`));
        return label;
      });
    const legend = $('#file-licenses legend');
    $('#file-licenses').replaceChildren(legend, ...choices);
    if (choices.length === 0) $('#file-licenses').append('No free capacity license in this account.');
    showRegistrations((await api('GET', '/api/v1/customer/smartservers')).payload);
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
  previewRequestFile();
  onSubmit('#offline-file', async (form, data) => {
    const licenseIds = data.getAll('licenseId');
    if (licenseIds.length === 0) throw new Error('Choose at least one capacity license.');
    const { payload, response } = await api('POST', '/api/v1/customer/offline-files', {
      requestFile: await form.requestFile.text(),
      licenseIds,
    });
    const name = saveDownload(payload, response, 'license.json');
    say(`Created ${name}: add it in the SmartServer's Manage Licenses dialog (Add License).`);
    await refresh();
  });
  onSubmit('#return-file', async (form) => {
    const returned = (
      await api('POST', '/api/v1/customer/returns', { receiptFile: await form.receiptFile.text() })
    ).payload;
    say(
      returned.status === 'returned'
        ? `License ${returned.licenseId} is returned: it can be activated again.`
        : `License ${returned.licenseId} was returned already.`,
    );
    await refresh();
  });
  onSubmit('#reset-registration', async (form) => {
    const reset = (
      await api(
        'POST',
        `/api/v1/customer/smartservers/${encodeURIComponent(form.smartServerId)}/reset`,
        form.reason ? { reason: form.reason } : {},
      )
    ).payload;
    say(
      `Reset the registration of ${reset.smartServerId} (Install Code ${reset.installCode}): link the SmartServer to this account again.`,
    );
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

if (page === 'support') {
  onSubmit('#login', async (form) => {
    const { payload } = await api('POST', '/api/v1/session/account', form);
    rememberSession(payload.csrfToken);
    if (payload.role !== 'support') throw new Error('This login is not a support account.');
    showSignedIn(true);
    say('Logged in.');
  });
  previewRequestFile();
  onSubmit('#offline-file', async (form) => {
    const licenseIds = form.licenseIds
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter(Boolean);
    const { payload, response } = await api('POST', '/api/v1/support/offline-files', {
      requestFile: await form.requestFile.text(),
      licenseIds,
    });
    const name = saveDownload(payload, response, 'maintenance.json');
    say(`Created ${name}: send it to the customer, who adds it in the Manage Licenses dialog (Add License).`);
  });
  onSubmit('#force-release', async (form) => {
    const released = (
      await api('POST', `/api/v1/support/licenses/${encodeURIComponent(form.licenseId.trim())}/release`, {
        reason: form.reason,
      })
    ).payload;
    say(`Released ${released.licenseId} from SmartServer ${released.smartServerId}.`);
  });
  if (csrf) showSignedIn(true);
}
