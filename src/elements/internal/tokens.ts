import { css } from 'lit';

/**
 * Design tokens. Every one is a CSS custom property with a default; colours follow the page's
 * `color-scheme` through `light-dark()`, so `color-scheme: dark` on any ancestor gives the
 * dark theme. Contrast of each text/background pair is AA (≥ 4.5:1) in both schemes.
 */
export const tokens = css`
  :host {
    --_surface: var(--pp-color-surface, light-dark(#ffffff, #1b1f24));
    --_surface-alt: var(--pp-color-surface-alt, light-dark(#f3f5f7, #262c33));
    --_text: var(--pp-color-text, light-dark(#1b1f24, #eef1f4));
    --_muted: var(--pp-color-muted, light-dark(#4d5661, #b4bcc6));
    --_border: var(--pp-color-border, light-dark(#8a94a0, #6b7582));
    --_accent: var(--pp-color-accent, light-dark(#0b5cad, #7cb7f2));
    --_on-accent: var(--pp-color-on-accent, light-dark(#ffffff, #0d1117));
    --_danger: var(--pp-color-danger, light-dark(#b3261e, #ff9a93));
    --_on-danger: var(--pp-color-on-danger, light-dark(#ffffff, #1b0f0e));
    --_success: var(--pp-color-success, light-dark(#1d6b34, #7fd99a));
    --_campaign: var(--pp-color-campaign, light-dark(#f2c200, #f2c200));
    --_on-campaign: var(--pp-color-on-campaign, #1b1f24);
    --_warning-bg: var(--pp-color-warning-bg, light-dark(#fff4ce, #3d3300));
    --_danger-bg: var(--pp-color-danger-bg, light-dark(#fdecea, #3b1513));
    --_focus: var(--pp-focus-ring, light-dark(#0b5cad, #9ccaff));
    --_radius: var(--pp-radius, 6px);
    --_gap: var(--pp-space, 0.5rem);
    --_font: var(--pp-font-family, system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans JP', sans-serif);
    color-scheme: inherit;
    font-family: var(--_font);
    font-size: var(--pp-font-size, 0.9375rem);
    color: var(--_text);
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 2.25rem;
    padding: 0.375rem 0.875rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    background: var(--_danger);
    border-color: var(--_danger);
    color: var(--_on-danger);
  }
  button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button[aria-busy='true'] {
    cursor: progress;
  }
  input,
  select,
  textarea {
    min-height: 2.25rem;
    padding: 0.25rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
    outline: 1px solid var(--_danger);
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .reason {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .refusal {
    display: flex;
    gap: 0.5rem;
    align-items: flex-start;
    margin: 0.5rem 0 0;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_danger-bg);
    color: var(--_text);
    font-weight: 600;
  }
  .refusal svg {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    color: var(--_danger);
  }
  .muted {
    color: var(--_muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_gap);
    align-items: center;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: 0.5rem 0.75rem;
  }
  label {
    display: inline-flex;
    gap: 0.375rem;
    align-items: center;
    min-height: 2rem;
  }
  .field {
    display: grid;
    gap: 0.25rem;
  }
  .why {
    font-size: 0.85em;
    color: var(--_muted);
    align-self: center;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
