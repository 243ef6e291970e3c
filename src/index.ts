/**
 * push-preview-elements — the main entry. Importing it registers no tag (see `./define`).
 */
export * from './domain/index.js';
export * from './session/index.js';
export * from './connectors/port.js';
export * from './connectors/validate.js';
export { SimulatedConnector, NO_FAULTS, type Faults, type SimulatedConnectorOptions } from './connectors/simulated/connector.js';
export { SimulatedServer, type DialOutcome, type SimulatedServerOptions } from './connectors/simulated/server.js';
export { DEFAULT_CAMPAIGN, DEFAULT_CONTACTS } from './connectors/simulated/seed-data.js';
export { en, loadLocale, registerLocale, resolveLang, type Translation } from './i18n/index.js';
export { sessionContext } from './elements/context.js';
export * from './elements/events.js';
export { define } from './elements/internal/define.js';
export { SessionController } from './elements/internal/session-controller.js';
export { PushPreviewElement, VERSION } from './elements/internal/push-preview-element.js';
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
