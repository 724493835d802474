import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../define/lic-capacity-indicator.js';
import { SCENARIOS, scenarioSource, type Scenario } from '../../test/story-data.js';

export interface CapacityArgs {
  scenario: Scenario;
  variant: 'full' | 'compact';
  locale: string;
}

/** The template of every story, reused by the tests as their fixture. */
export const template = ({ scenario = 'ok', variant = 'full', locale = 'en' }: Partial<CapacityArgs> = {}) =>
  html`<lic-capacity-indicator
    .source=${scenarioSource(scenario)}
    variant=${variant}
    locale=${locale}
  ></lic-capacity-indicator>`;

const meta: Meta<CapacityArgs> = {
  title: 'Widgets/Capacity indicator',
  component: 'lic-capacity-indicator',
  tags: ['autodocs'],
  argTypes: {
    scenario: { control: 'select', options: SCENARIOS },
    variant: { control: 'inline-radio', options: ['full', 'compact'] },
    locale: { control: 'inline-radio', options: ['en', 'de'] },
  },
  args: { scenario: 'ok', variant: 'full', locale: 'en' },
  render: (args) => template(args),
};
export default meta;

type Story = StoryObj<CapacityArgs>;
export const Default: Story = {};
export const Compact: Story = { args: { variant: 'compact' } };
export const BadgeOn: Story = { name: 'Badge on (R14)', args: { scenario: 'badge' } };
export const CompactBadge: Story = { args: { scenario: 'badge', variant: 'compact' } };
export const Empty: Story = { name: 'Empty (no capacity)', args: { scenario: 'empty' } };
export const Loading: Story = { args: { scenario: 'loading' } };
export const Error: Story = { args: { scenario: 'error' } };
export const German: Story = { args: { scenario: 'badge', locale: 'de' } };
