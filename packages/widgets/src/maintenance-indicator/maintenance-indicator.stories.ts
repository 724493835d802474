import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/lic-maintenance-indicator.js';
import { NOW, SCENARIOS, scenarioSource, type Scenario } from '../../test/story-data.js';

export interface MaintenanceArgs {
  scenario: Scenario;
  wording: 'default' | 'dated';
  locale: string;
}

/** The template of every story, reused by the tests as their fixture. The clock is fixed at NOW. */
export const template = ({
  scenario = 'ok',
  wording = 'default',
  locale = 'en',
}: Partial<MaintenanceArgs> = {}) =>
  html`<lic-maintenance-indicator
    .source=${scenarioSource(scenario)}
    .now=${NOW}
    wording=${wording}
    locale=${locale}
  ></lic-maintenance-indicator>`;

const meta: Meta<MaintenanceArgs> = {
  title: 'Widgets/Maintenance indicator',
  component: 'lic-maintenance-indicator',
  tags: ['autodocs'],
  argTypes: {
    scenario: { control: 'select', options: SCENARIOS },
    wording: { control: 'inline-radio', options: ['default', 'dated'] },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
  },
  args: { scenario: 'ok', wording: 'default', locale: 'en' },
  render: (args) => template(args),
};
export default meta;

type Story = StoryObj<MaintenanceArgs>;
export const Active: Story = {};
export const Expires: Story = { name: 'Expires <date>', args: { scenario: 'expiring' } };
export const Inactive: Story = { args: { scenario: 'inactive' } };
export const NoMaintenance: Story = { name: 'Empty (no maintenance)', args: { scenario: 'empty' } };
export const DatedWording: Story = {
  name: 'Expiring / Expired wording',
  args: { scenario: 'inactive', wording: 'dated' },
};
export const Loading: Story = { args: { scenario: 'loading' } };
export const Error: Story = { args: { scenario: 'error' } };
export const German: Story = { args: { scenario: 'expiring', locale: 'de' } };
