/** Registers every tag of the library under its default name. The provider goes first, so panels find it. */
import './push-preview-session.js';
import './push-preview-agent.js';
import './push-preview-indicator.js';
import './push-preview-form.js';
import './call-controls.js';
import './call-timers.js';
import './chained-records.js';
import './record-editor.js';
import './reschedule-picker.js';
import './wrapup-codes.js';
import './push-preview-panel.js';
