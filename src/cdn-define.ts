/**
 * The tags the CDN entry (src/cdn.ts) registers: those of define/all.ts, with `<call-timers>` from
 * a chunk of its own (chunks/timers-*.js) that starts loading right after the others are defined,
 * so that the files fetched before the workflow shows are smaller; until it arrives, its place
 * (also in `<push-preview-panel>`) is empty. In Node (server-side rendering with
 * `push-preview-elements/cdn`) it is awaited, so a server renders `<call-timers>` as every tag.
 * test/node/cdn-timers.test.mjs checks the built files.
 */
import { isServer } from 'lit';
import './define/push-preview-session.js';
import './define/push-preview-agent.js';
import './define/push-preview-indicator.js';
import './define/push-preview-form.js';
import './define/call-controls.js';
import './define/chained-records.js';
import './define/record-editor.js';
import './define/reschedule-picker.js';
import './define/wrapup-codes.js';
import { define } from './elements/internal/define.js';
import { PushPreviewPanel } from './elements/panel/push-preview-panel.js';
export type {} from './define/push-preview-panel.js'; // their tags' types (HTMLElementTagNameMap), no code
export type {} from './define/call-timers.js';

define('push-preview-panel', PushPreviewPanel); // as define/push-preview-panel.js does, without bringing <call-timers>
const timers = import('./elements/timers/call-timers.js').then((m) => define('call-timers', m.CallTimers));
if (isServer) await timers;
