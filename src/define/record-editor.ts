import { RecordEditor } from '../elements/editor/record-editor.js';
import { define } from '../elements/internal/define.js';

define('record-editor', RecordEditor);

declare global {
  interface HTMLElementTagNameMap {
    'record-editor': RecordEditor;
  }
}
