// Storybook's vitest addon applies the preview annotations (and the a11y addon's) by itself.
// Waits in play functions get room for a cold first story on a loaded machine (default: 1 s).
import { configure } from 'storybook/test';

configure({ asyncUtilTimeout: 5000 });
