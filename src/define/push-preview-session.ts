import { PushPreviewSession } from '../elements/session/push-preview-session.js';
import { define } from '../elements/internal/define.js';

define('push-preview-session', PushPreviewSession);

declare global {
  interface HTMLElementTagNameMap {
    'push-preview-session': PushPreviewSession;
  }
}
