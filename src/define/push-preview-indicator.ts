import { PushPreviewIndicator } from '../elements/indicator/push-preview-indicator.js';
import { define } from '../elements/internal/define.js';

define('push-preview-indicator', PushPreviewIndicator);

declare global {
  interface HTMLElementTagNameMap {
    'push-preview-indicator': PushPreviewIndicator;
  }
}
