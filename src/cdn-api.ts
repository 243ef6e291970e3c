/**
 * The CDN build's script API (dist/cdn/api.min.js): every export of the main entry but the
 * simulated connector and server and the server-message readers (dist/cdn/connectors.min.js,
 * src/cdn-connectors.ts) — the domain, the session, the connector port, the locales, the
 * context, the events, the element classes and the shortcuts. It registers no tag: the tag entry
 * dist/cdn/push-preview-elements.min.js (src/cdn.ts) does, and exports nothing, so that what a
 * page loads up front carries no export kept only for a script. Both share the same chunks.
 * test/node/cdn.test.mjs checks that the entries together export what src/index.ts does.
 */
export * from './domain/index.js';
export * from './session/index.js';
export * from './connectors/port.js';
export { en, loadLocale, registerLocale, resolveLang, type Translation } from './i18n/index.js';
export { sessionContext } from './elements/context.js';
export * from './elements/events.js';
export { VERSION } from './elements/internal/push-preview-element.js';
export { PushPreviewSession } from './elements/session/push-preview-session.js';
export { PushPreviewAgent } from './elements/agent/push-preview-agent.js';
export { PushPreviewIndicator } from './elements/indicator/push-preview-indicator.js';
export { PushPreviewForm } from './elements/form/push-preview-form.js';
export { CallControls } from './elements/call-controls/call-controls.js';
export { CallTimers } from './elements/timers/call-timers.js';
export { ChainedRecords } from './elements/chain/chained-records.js';
export { RecordEditor } from './elements/editor/record-editor.js';
export { ReschedulePicker } from './elements/reschedule/reschedule-picker.js';
export { WrapupCodes } from './elements/wrapup/wrapup-codes.js';
export { PushPreviewPanel } from './elements/panel/push-preview-panel.js';
export { DEFAULT_SHORTCUTS, parseShortcuts, type Shortcuts, type ShortcutAction } from './elements/internal/shortcuts.js';
