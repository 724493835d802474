/// <reference types="vite/client" />
import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';

// The manifest is generated from the components' JSDoc by `npm run manifest -w
// @smartserver-licensing/widgets` (the root storybook scripts run it first); autodocs and controls
// come from it. A glob, not an import, so type checks pass on a fresh clone before it exists.
const manifests = import.meta.glob<{ default: object }>('../packages/widgets/dist/custom-elements.json', {
  eager: true,
});
const manifest = Object.values(manifests)[0]?.default;
if (manifest) setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    backgrounds: {
      options: {
        light: { name: 'Light host', value: '#ffffff' },
        dark: { name: 'Dark host', value: '#1e1f22' },
      },
    },
  },
  globalTypes: {
    scheme: {
      description: 'Colour scheme of the host page',
      toolbar: { title: 'Host', items: ['light', 'dark'], dynamicTitle: true },
    },
  },
  initialGlobals: { scheme: 'light' },
  decorators: [
    (story, context) => {
      // A dark host sets color-scheme on its page; the widgets follow through light-dark().
      const dark = context.globals.scheme === 'dark';
      document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
      document.body.style.background = dark ? '#1e1f22' : '#ffffff';
      document.body.style.color = dark ? '#e8e8e8' : '#1b1b1b';
      return story();
    },
  ],
};
export default preview;
