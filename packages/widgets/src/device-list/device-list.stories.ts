import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/lic-device-list.js';
import { SCENARIOS, scenarioSource, type Scenario } from '../../test/story-data.js';

export interface DeviceListArgs {
  scenario: Scenario;
  filter: string;
  statusFilter: 'all' | 'licensed' | 'unlicensed';
  locale: string;
}

/** The template of every story, reused by the tests as their fixture. */
export const template = ({
  scenario = 'ok',
  filter = '',
  statusFilter = 'all',
  locale = 'en',
}: Partial<DeviceListArgs> = {}) =>
  html`<lic-device-list
    .source=${scenarioSource(scenario)}
    filter=${filter}
    status-filter=${statusFilter}
    locale=${locale}
    @lic-device-operation=${(e: Event) => console.info('lic-device-operation', (e as CustomEvent).detail)}
  ></lic-device-list>`;

const meta: Meta<DeviceListArgs> = {
  title: 'Widgets/Device list',
  component: 'lic-device-list',
  tags: ['autodocs'],
  argTypes: {
    scenario: { control: 'select', options: SCENARIOS },
    statusFilter: { control: 'inline-radio', options: ['all', 'licensed', 'unlicensed'] },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
  },
  args: { scenario: 'ok', filter: '', statusFilter: 'all', locale: 'en' },
  render: (args) => template(args),
};
export default meta;

type Story = StoryObj<DeviceListArgs>;
export const Default: Story = {};
export const UnlicensedDevices: Story = { name: 'Unlicensed devices (R11)', args: { scenario: 'badge' } };
export const OnlyUnlicensed: Story = { args: { scenario: 'badge', statusFilter: 'unlicensed' } };
export const TenThousandDevices: Story = { name: '10,000 devices', args: { scenario: 'big' } };
export const NoMatch: Story = { args: { filter: 'no such device' } };
export const Empty: Story = { name: 'Empty (no devices)', args: { scenario: 'noDevices' } };
export const Loading: Story = { args: { scenario: 'loading' } };
export const Error: Story = { args: { scenario: 'error' } };
export const HostileNames: Story = { name: 'Hostile names', args: { scenario: 'hostile' } };
export const RightToLeft: Story = { name: 'RTL names', args: { scenario: 'rtl' } };
export const German: Story = { args: { scenario: 'badge', locale: 'de' } };
