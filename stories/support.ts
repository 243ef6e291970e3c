import { html, nothing, type TemplateResult } from 'lit';
import type { Connector } from '../src/connectors/port.js';

/**
 * Wrap a story in a session provider (no drafts kept across stories). Without a connector the
 * provider makes its own simulated one; a story that needs a prepared one makes it in a loader,
 * so a re-render keeps the same server.
 */
export function sessionStory(content: TemplateResult, connector?: Connector): TemplateResult {
  return html`<push-preview-session no-persist .connector=${connector ?? nothing}>${content}</push-preview-session>`;
}
