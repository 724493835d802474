import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { SourceError, type MemorySourceOptions } from '@smartserver-licensing/client';
import { licenseIdOf } from '@smartserver-licensing/schemas/testing';
import '../define/lic-manage-licenses.js';
import { CUSTOMER_ID, SCENARIOS, scenarioSource, type Scenario } from '../../test/story-data.js';

export interface ManageArgs {
  scenario: Scenario;
  open: boolean;
  locale: string;
  /** Delay of every source action, to see progress (stories use 400 ms, tests 0). */
  latencyMs: number;
  options: MemorySourceOptions;
}

/** The template of every story, reused by the tests as their fixture. */
export const template = ({
  scenario = 'ok',
  open = false,
  locale = 'en',
  latencyMs = 0,
  options = {},
}: Partial<ManageArgs> = {}) =>
  html`<lic-manage-licenses
    .source=${scenarioSource(scenario, { latencyMs, ...options })}
    ?open=${open}
    locale=${locale}
  ></lic-manage-licenses>`;

const meta: Meta<ManageArgs> = {
  title: 'Widgets/Manage Licenses dialog',
  component: 'lic-manage-licenses',
  tags: ['autodocs'],
  argTypes: {
    scenario: { control: 'select', options: SCENARIOS },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
    options: { table: { disable: true } },
  },
  args: { scenario: 'ok', open: false, locale: 'en', latencyMs: 400 },
  parameters: { docs: { story: { inline: false, height: '32rem' } } },
  render: (args) => template(args),
};
export default meta;

type Story = StoryObj<ManageArgs>;
export const Closed: Story = {};
export const Open: Story = { args: { open: true } };
export const BadgeOn: Story = { name: 'Badge on (R14)', args: { scenario: 'badge' } };
export const AutoOpen: Story = { name: 'Opens by itself (R22)', args: { scenario: 'autoOpen' } };
export const Empty: Story = { name: 'Empty (no license)', args: { scenario: 'empty', open: true } };
export const NonOwner: Story = { name: 'Non-Owner (R22)', args: { scenario: 'nonOwner' } };
export const NonOwnerOpened: Story = {
  name: 'Non-Owner, opened by the host',
  args: { scenario: 'nonOwner', open: true },
};
export const Loading: Story = { args: { scenario: 'loading', open: true } };
export const Error: Story = { args: { scenario: 'error', open: true } };
export const CloudFails: Story = {
  name: 'Cloud unreachable',
  args: { open: true, options: { failures: { listCloudLicenses: 'The license cloud cannot be reached.' } } },
};
export const HostileText: Story = {
  name: 'Hostile notes and names',
  args: { scenario: 'hostile', open: true },
};
export const RightToLeft: Story = { name: 'RTL text', args: { scenario: 'rtl', open: true } };
export const ThousandLicenses: Story = { name: '1,000 licenses', args: { scenario: 'big', open: true } };
export const German: Story = { args: { scenario: 'badge', open: true, locale: 'de' } };

// ---- the request/response and receipt steps (issue 11) ----

/** Waits for a selector inside the dialog or one of its panels, looking through their shadow roots. */
async function find<T extends HTMLElement>(canvas: HTMLElement, selector: string): Promise<T> {
  for (let frame = 0; frame < 600; frame++) {
    const roots: ShadowRoot[] = [];
    const visit = (root: ShadowRoot) => {
      roots.push(root);
      for (const inner of root.querySelectorAll('*')) if (inner.shadowRoot) visit(inner.shadowRoot);
    };
    const dialog = canvas.querySelector('lic-manage-licenses');
    if (dialog?.shadowRoot) visit(dialog.shadowRoot);
    for (const root of roots) {
      const found = root.querySelector<T>(selector);
      if (found) return found;
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  throw new globalThis.Error(`${selector} did not appear in the dialog`);
}

/** Opens one action panel of the dialog, as a click on its button would. */
const openPanel =
  (view: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    (await find(canvasElement, `[data-view="${view}"]`)).click();
    await find(canvasElement, '#view-title');
  };

const waiting = {
  licenseId: licenseIdOf(7),
  activationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  returnedAt: '2026-02-27T09:30:00Z',
  lastError: 'The license cloud cannot be reached.',
};

export const Account: Story = {
  name: 'Manage Customer Accounts: Install Code',
  args: { open: true, latencyMs: 0 },
  play: openPanel('account'),
};
export const KeyConflict: Story = {
  name: 'Manage Customer Accounts: key conflict',
  args: {
    open: true,
    latencyMs: 0,
    options: {
      failures: {
        setCustomerAccount: new SourceError(
          'HTTP',
          'Another key is registered for this SmartServer id in this account.',
          409,
          'KEY_CONFLICT',
        ),
      },
    },
  },
  play: async (context) => {
    await openPanel('account')(context);
    const input = await find<HTMLInputElement>(context.canvasElement, '#customer-id');
    input.value = CUSTOMER_ID;
    (await find(context.canvasElement, 'form button[type="submit"]')).click();
  },
};
export const AddLicenseSteps: Story = {
  name: 'Add License: request, then file (R20, R21)',
  args: { open: true },
  play: openPanel('add'),
};
export const PendingReturns: Story = {
  name: 'Pending returns (cloud unreachable)',
  args: { open: true, options: { cloudOnline: false, pendingReturns: [waiting] } },
};
export const ReturnOffline: Story = {
  name: 'Return to Cloud while the cloud is unreachable: receipt pending',
  args: { open: true, latencyMs: 0, options: { cloudOnline: false, pendingReturns: [waiting] } },
  play: async ({ canvasElement }) => {
    (await find<HTMLInputElement>(canvasElement, 'tbody input[type="checkbox"]')).click();
    await openPanel('return')({ canvasElement });
    (await find(canvasElement, 'button.danger')).click();
    await find(canvasElement, '#not-delivered');
  },
};
export const PendingReturnsGerman: Story = {
  name: 'Pending returns, German',
  args: { open: true, locale: 'de', options: { cloudOnline: false, pendingReturns: [waiting] } },
};
