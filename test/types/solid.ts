// Type-level test of push-preview-elements/jsx's Solid props (tsc, test/types/tsconfig.json).
// Checked on the exported CustomElementsSolidJs type, not in Solid JSX: the file's
// `declare module "solid-js" { namespace JSX … }` does not reach solid-js 1.9.20's JSX namespace
// (declared in solid-js/types/jsx.d.ts, re-exported type-only): `<push-preview-panel>` in a
// `@jsxImportSource solid-js` file gave TS2339 under TypeScript 6.0.3 (see scripts/integrations.mjs).
import type { CustomElementsSolidJs } from 'push-preview-elements/jsx';
import type { PpDoneEvent } from 'push-preview-elements';

type Panel = CustomElementsSolidJs['push-preview-panel'];

export const ok: Panel = { 'attr:agent-id': 'agent-7', 'bool:no-persist': true, 'on:pp-done': (e: PpDoneEvent) => e.detail.interaction };
export const controls: CustomElementsSolidJs['call-controls'] = {};

// @ts-expect-error agent-id is a string
export const badProp: Panel = { 'attr:agent-id': 7 };
// @ts-expect-error pp-done hands a PpDoneEvent, not a MouseEvent
export const badHandler: Panel = { 'on:pp-done': (e: MouseEvent) => e.button };
// @ts-expect-error <call-controls> has no such property
export const unknownProp: CustomElementsSolidJs['call-controls'] = { 'prop:connectorr': 'x' };
