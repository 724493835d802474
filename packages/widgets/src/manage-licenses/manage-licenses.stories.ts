import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { MemorySourceOptions } from '@smartserver-licensing/client';
import '../define/lic-manage-licenses.js';
import { SCENARIOS, scenarioSource, type Scenario } from '../../test/story-data.js';

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
