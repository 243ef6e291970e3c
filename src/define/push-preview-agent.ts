import { PushPreviewAgent } from '../elements/agent/push-preview-agent.js';
import { define } from '../elements/internal/define.js';

define('push-preview-agent', PushPreviewAgent);

declare global {
  interface HTMLElementTagNameMap {
    'push-preview-agent': PushPreviewAgent;
  }
}
