import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import '../src/define/all.js';

// Autodocs read the tag names, attributes, properties, events, slots, parts, CSS properties and
// states written on the element classes: custom-elements.json exactly as committed and published,
// so this Storybook shows what a CRM team's own Storybook shows.
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of the elements (lang on <html>)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'ja', title: '日本語' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour scheme (color-scheme on <html>)',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    motion: {
      description: 'Reduced motion (data-reduced-motion on <html>)',
      toolbar: {
        title: 'Motion',
        icon: 'lightning',
        items: [
          { value: 'full', title: 'Full motion' },
          { value: 'reduce', title: 'Reduced motion' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light', motion: 'full' },
  decorators: [
    (story, context) => {
      const root = document.documentElement;
      root.lang = context.globals.locale ?? 'en';
      const dark = context.globals.theme === 'dark';
      root.style.colorScheme = dark ? 'dark' : 'light';
      // The elements read data-reduced-motion on any ancestor (as well as the user's media setting).
      if (context.globals.motion === 'reduce') root.dataset.reducedMotion = '';
      else delete root.dataset.reducedMotion;
      document.body.style.background = dark ? '#111418' : '';
      document.body.style.color = dark ? '#eef1f4' : '';
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
    options: {
      storySort: {
        order: [
          'Docs',
          ['Getting started', 'Regions on one session', 'Connectors', 'Events', 'Theming', 'Localization', 'Keyboard shortcuts', 'Accessibility', 'Frameworks'],
          'Workflow',
          'Elements',
        ],
      },
    },
  },
};
export default preview;
