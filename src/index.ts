/**
 * push-preview-elements — the main entry. Importing it registers no tag (see `./define`).
 * Only the public API: the element classes, their events, the session, the connector port and
 * the simulated connector, locales, and the few helpers marked stable below. The rest of
 * src/elements/internal (the base class, controllers, `define`) is not part of it.
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
/** The library's version (also `static version` on every element class). Stable. */
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
/**
 * The keyboard shortcuts: the defaults, and the parser of the `shortcuts` attribute (see the
 * "Keyboard shortcuts" docs page). Stable.
 */
export { DEFAULT_SHORTCUTS, parseShortcuts, type Shortcuts, type ShortcutAction } from './elements/internal/shortcuts.js';
