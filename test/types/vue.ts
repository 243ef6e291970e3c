// Type-level test of push-preview-elements/frameworks declared to Vue as the "Frameworks" docs
// page shows (GlobalComponents), checked with tsc on Vue's own types — not vue-tsc on a template.
import type { DefineComponent, GlobalComponents } from 'vue';
import type { CustomElementEvents, CustomElements } from 'push-preview-elements/frameworks';
import type { PpDoneEvent } from 'push-preview-elements';

declare module 'vue' {
  interface GlobalComponents {
    'push-preview-panel': DefineComponent<CustomElements['push-preview-panel']>;
    'call-controls': DefineComponent<CustomElements['call-controls']>;
  }
}
type Props<T extends 'push-preview-panel' | 'call-controls'> = InstanceType<GlobalComponents[T]>['$props'];
type Handler<T extends keyof CustomElementEvents, E extends keyof CustomElementEvents[T]> = (e: CustomElementEvents[T][E]) => void;

export const ok: Props<'push-preview-panel'> = { 'agent-id': 'agent-7', 'no-persist': true, connector: undefined };
export const controls: Props<'call-controls'> = {};
export const onDone: Handler<'push-preview-panel', 'pp-done'> = (e: PpDoneEvent) => e.detail.interaction;

// @ts-expect-error agent-id is a string
export const badProp: Props<'push-preview-panel'> = { 'agent-id': 7 };
// @ts-expect-error pp-done hands a PpDoneEvent, not a MouseEvent
export const badHandler: Handler<'push-preview-panel', 'pp-done'> = (e: MouseEvent) => e.button;
