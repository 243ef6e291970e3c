// Storybook's vitest addon applies the preview annotations (and the a11y addon's) by itself.
export {};
