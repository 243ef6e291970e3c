import { PushPreviewPanel } from '../elements/panel/push-preview-panel.js';
import { define } from '../elements/internal/define.js';

define('push-preview-panel', PushPreviewPanel);

declare global {
  interface HTMLElementTagNameMap {
    'push-preview-panel': PushPreviewPanel;
  }
}
