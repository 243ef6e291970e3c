/** @jsxImportSource preact */
// Type-level test of push-preview-elements/jsx in Preact (tsc, test/types/tsconfig.json).
import type {} from 'push-preview-elements/jsx';
import type { PpDoneEvent, PpRefusedEvent } from 'push-preview-elements';

export const ok = (
  <push-preview-panel agent-id="agent-7" onpp-done={(e: PpDoneEvent) => e.detail.interaction} onpp-refused={(e: PpRefusedEvent) => e.detail.reason}>
    <call-controls />
  </push-preview-panel>
);

// @ts-expect-error agent-id is a string
export const badProp = <push-preview-panel agent-id={7} />;
// @ts-expect-error pp-done hands a PpDoneEvent, not a MouseEvent
export const badHandler = <push-preview-panel onpp-done={(e: MouseEvent) => e.button} />;
// @ts-expect-error <call-controls> has no such property
export const unknownProp = <call-controls connectorr="x" />;
