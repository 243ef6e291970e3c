import { ReschedulePicker } from '../elements/reschedule/reschedule-picker.js';
import { define } from '../elements/internal/define.js';

define('reschedule-picker', ReschedulePicker);

declare global {
  interface HTMLElementTagNameMap {
    'reschedule-picker': ReschedulePicker;
  }
}
