/**
 * The CDN entry (dist/cdn/push-preview-elements.min.js) for <script type="module">: every tag
 * registered, and every export of the main entry but the simulated connector and server and the
 * server-message readers, which are the entry dist/cdn/connectors.min.js (src/cdn-connectors.ts),
 * so that this file and what it imports statically stay small. The Japanese strings, the
 * phone-number metadata and the default simulated connector load on demand, as chunks beside
 * this file. test/node/cdn.test.mjs checks that the two entries together export what
 * src/index.ts does.
 */
import './cdn-define.js';
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
export { ChainedRecords } from './elements/chain/chained-records.js';
export { RecordEditor } from './elements/editor/record-editor.js';
export { ReschedulePicker } from './elements/reschedule/reschedule-picker.js';
export { WrapupCodes } from './elements/wrapup/wrapup-codes.js';
export { PushPreviewPanel } from './elements/panel/push-preview-panel.js';
export { DEFAULT_SHORTCUTS, parseShortcuts, type Shortcuts, type ShortcutAction } from './elements/internal/shortcuts.js';
