// Type-level test of push-preview-elements/frameworks declared to Svelte 5 as the "Frameworks"
// docs page shows (svelte/elements' SvelteHTMLElements, `on<event>` attributes), checked with tsc
// on Svelte's own types — not svelte-check on a component.
import type { HTMLAttributes, SvelteHTMLElements } from 'svelte/elements';
import type { CustomElementEvents, CustomElements, TagName } from 'push-preview-elements/frameworks';
import type { PpDoneEvent } from 'push-preview-elements';

type On<T extends TagName> = { [E in keyof CustomElementEvents[T] & string as `on${E}`]?: (e: CustomElementEvents[T][E]) => void };
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'push-preview-panel': HTMLAttributes<HTMLElement> & CustomElements['push-preview-panel'] & On<'push-preview-panel'>;
    'call-controls': HTMLAttributes<HTMLElement> & CustomElements['call-controls'] & On<'call-controls'>;
  }
}
type Panel = SvelteHTMLElements['push-preview-panel'];

export const ok: Panel = { 'agent-id': 'agent-7', 'no-persist': true, 'onpp-done': (e: PpDoneEvent) => e.detail.interaction };
export const controls: SvelteHTMLElements['call-controls'] = { class: 'x' };

// @ts-expect-error agent-id is a string
export const badProp: Panel = { 'agent-id': 7 };
// @ts-expect-error pp-done hands a PpDoneEvent, not a MouseEvent
export const badHandler: Panel = { 'onpp-done': (e: MouseEvent) => e.button };
