import { WrapupCodes } from '../elements/wrapup/wrapup-codes.js';
import { define } from '../elements/internal/define.js';

define('wrapup-codes', WrapupCodes);

declare global {
  interface HTMLElementTagNameMap {
    'wrapup-codes': WrapupCodes;
  }
}
