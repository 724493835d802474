import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/lic-device-license-status.js';
import { SCENARIOS, scenarioSource, type Scenario } from '../../test/story-data.js';

export interface DeviceStatusArgs {
  scenario: Scenario;
  deviceId: string;
  showLabel: boolean;
  locale: string;
}

/** The template of every story, reused by the tests as their fixture. */
export const template = ({
  scenario = 'ok',
  deviceId = 'dev-000001',
  showLabel = true,
  locale = 'en',
}: Partial<DeviceStatusArgs> = {}) =>
  html`<lic-device-license-status
    .source=${scenarioSource(scenario)}
    device-id=${deviceId}
    ?show-label=${showLabel}
    locale=${locale}
  ></lic-device-license-status>`;

const meta: Meta<DeviceStatusArgs> = {
  title: 'Widgets/Device license status',
  component: 'lic-device-license-status',
  tags: ['autodocs'],
  argTypes: {
    scenario: { control: 'select', options: SCENARIOS },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
  },
  args: { scenario: 'ok', deviceId: 'dev-000001', showLabel: true, locale: 'en' },
  render: (args) => template(args),
};
export default meta;

type Story = StoryObj<DeviceStatusArgs>;
export const Licensed: Story = {};
export const Unlicensed: Story = {
  name: 'Unlicensed (purple, R11)',
  args: { scenario: 'badge', deviceId: 'dev-000055' },
};
export const IconOnly: Story = { args: { scenario: 'badge', deviceId: 'dev-000055', showLabel: false } };
export const UnknownDevice: Story = { name: 'Empty (unknown device)', args: { deviceId: 'nope' } };
export const Loading: Story = { args: { scenario: 'loading' } };
export const Error: Story = { args: { scenario: 'error' } };
export const German: Story = { args: { scenario: 'badge', deviceId: 'dev-000055', locale: 'de' } };
