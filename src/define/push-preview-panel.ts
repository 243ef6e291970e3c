import { PushPreviewPanel } from '../elements/panel/push-preview-panel.js';
import { define } from '../elements/internal/define.js';
import './call-timers.js'; // the panel shows it; not among its class's dependencies, so that the CDN build can load it later

define('push-preview-panel', PushPreviewPanel);

declare global {
  interface HTMLElementTagNameMap {
    'push-preview-panel': PushPreviewPanel;
  }
}
