import { CallTimers } from '../elements/timers/call-timers.js';
import { define } from '../elements/internal/define.js';

define('call-timers', CallTimers);

declare global {
  interface HTMLElementTagNameMap {
    'call-timers': CallTimers;
  }
}
