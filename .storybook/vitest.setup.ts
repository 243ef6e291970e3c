// Storybook's vitest addon applies the preview annotations (and the a11y addon's) by itself.
// A wait in a play function waits on a condition; its timeout is a bound for a hang, not a budget
// (the default is 1 s, which a loaded CI machine exceeds), and sits inside the test's own timeout.
import { configure } from 'storybook/test';

configure({ asyncUtilTimeout: 30_000 });
