import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';

const domainBans = {
  patterns: [
    { group: ['lit', 'lit/*', '@lit/*'], message: 'The domain layer is plain TypeScript: no lit.' },
    { group: ['**/elements/**', '**/session/**', '**/connectors/**'], message: 'The domain imports nothing above it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'jsx/', 'bench/results/', 'examples/*/dist/', '.reports/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    plugins: { lit, wc, 'lit-a11y': litA11y },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...wc.configs['flat/recommended'].rules,
      ...litA11y.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Type-aware: a promise is awaited, returned or marked `void`, and never handed to a place
    // that expects a plain function (an event listener, a callback whose result is ignored).
    // Not on test/ and stories/ yet: the assertion typings there (chai through @open-wc/testing,
    // storybook/test's instrumented expect) type synchronous assertions as promises.
    files: ['src/**/*.ts', 'demo/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Elements know the connector port only. The simulated connector is the provider's one
    // default (src/elements/internal/session-owner.ts, a lazy import); no element imports a
    // concrete connector.
    files: ['src/elements/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/connectors/*/**', '!**/connectors/port.js', '!**/connectors/validate.js'],
              message: 'Elements take a Connector (connectors/port.js); the simulated default lives in internal/session-owner.ts only.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/connectors\\/(?!port|validate)/]',
          message: 'Elements take a Connector; the simulated default lives in internal/session-owner.ts (and its shared-tabs.ts) only.',
        },
      ],
    },
  },
  {
    files: ['src/elements/internal/session-owner.ts', 'src/elements/internal/shared-tabs.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Domain first: no lit, no DOM, nothing from the layers above.
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', domainBans],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'customElements',
        'HTMLElement',
        'navigator',
        'localStorage',
        'sessionStorage',
        'Event',
        'CustomEvent',
      ],
    },
  },
  {
    // The session and the connectors know nothing of elements.
    files: ['src/session/**/*.ts', 'src/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['lit', 'lit/*', '@lit/*', '**/elements/**'], message: 'No lit or elements below the element layer.' }] },
      ],
      'no-restricted-globals': ['error', 'document', 'customElements', 'HTMLElement'],
    },
  },
  {
    files: ['test/**/*.ts', 'stories/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off', // chai: expect(x).to.exist
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.' },
      ],
    },
  },
);
