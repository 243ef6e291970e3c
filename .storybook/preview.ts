import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import '../src/define/all.js';

setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of the elements',
      toolbar: { title: 'Locale', icon: 'globe', items: [{ value: 'en', title: 'English' }, { value: 'ja', title: '日本語' }], dynamicTitle: true },
    },
    theme: {
      description: 'Colour scheme',
      toolbar: { title: 'Theme', icon: 'contrast', items: [{ value: 'light', title: 'Light' }, { value: 'dark', title: 'Dark' }], dynamicTitle: true },
    },
    motion: {
      description: 'Reduced motion',
      toolbar: { title: 'Motion', icon: 'lightning', items: [{ value: 'full', title: 'Full motion' }, { value: 'reduce', title: 'Reduced motion' }], dynamicTitle: true },
    },
  },
  initialGlobals: { locale: 'en', theme: 'light', motion: 'full' },
  decorators: [
    (story, context) => {
      const root = document.documentElement;
      root.lang = context.globals.locale ?? 'en';
      root.style.colorScheme = context.globals.theme === 'dark' ? 'dark' : 'light';
      root.dataset.motion = context.globals.motion ?? 'full';
      document.body.style.background = context.globals.theme === 'dark' ? '#111418' : '';
      return story();
    },
  ],
  parameters: {
    controls: { expanded: true },
    a11y: { test: 'error' },
  },
};
export default preview;
