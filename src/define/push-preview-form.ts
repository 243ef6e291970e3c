import { PushPreviewForm } from '../elements/form/push-preview-form.js';
import { define } from '../elements/internal/define.js';

define('push-preview-form', PushPreviewForm);

declare global {
  interface HTMLElementTagNameMap {
    'push-preview-form': PushPreviewForm;
  }
}
