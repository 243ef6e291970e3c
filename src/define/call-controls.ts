import { CallControls } from '../elements/call-controls/call-controls.js';
import { define } from '../elements/internal/define.js';

define('call-controls', CallControls);

declare global {
  interface HTMLElementTagNameMap {
    'call-controls': CallControls;
  }
}
