import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';

const domainBans = {
  patterns: [
    { group: ['lit', 'lit/*', '@lit/*'], message: 'The domain layer is plain TypeScript: no lit.' },
    { group: ['**/elements/**', '**/session/**', '**/connectors/**'], message: 'The domain imports nothing above it.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'bench/results/', 'examples/*/dist/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    plugins: { lit, wc },
    rules: {
      ...lit.configs['flat/recommended'].rules,
      ...wc.configs['flat/recommended'].rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Domain first: no lit, no DOM, nothing from the layers above.
    files: ['src/domain/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', domainBans],
      'no-restricted-globals': ['error', 'window', 'document', 'customElements', 'HTMLElement', 'navigator', 'localStorage', 'sessionStorage', 'Event', 'CustomEvent'],
    },
  },
  {
    // The session and the connectors know nothing of elements.
    files: ['src/session/**/*.ts', 'src/connectors/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['lit', 'lit/*', '@lit/*', '**/elements/**'], message: 'No lit or elements below the element layer.' }] }],
      'no-restricted-globals': ['error', 'document', 'customElements', 'HTMLElement'],
    },
  },
  {
    files: ['test/**/*.ts', 'stories/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off', // chai: expect(x).to.exist
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='only']", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip']", message: 'No skipped tests.' }],
    },
  },
);
