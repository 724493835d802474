// One Storybook for every widget of the workspace (web components, built by Vite).
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['./*.mdx', '../packages/*/src/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => ({
    ...vite,
    resolve: {
      ...vite.resolve,
      // Stories read the workspace packages from source, as the tests do.
      conditions: ['@smartserver-licensing/source', 'browser', 'module', 'import', 'default'],
    },
  }),
};
export default config;
