import { useMemo, useState } from 'react';
import { PushPreviewPanel, PushPreviewSession } from 'push-preview-elements/react';
import { SimulatedConnector } from 'push-preview-elements/connectors/simulated';

export function App() {
  // One connector for the life of the app: a new one per render would start a new session.
  const connector = useMemo(() => new SimulatedConnector({ agentId: 'agent-1', pushDelayMs: 300, dialDelayMs: 600 }), []);
  const [log, setLog] = useState<string[]>([]);
  const add = (line: string) => setLog((l) => [...l, line]);
  return (
    <>
      <h1>React</h1>
      <PushPreviewSession
        connector={connector}
        noPersist
        onPpPreviewOffered={(e) => add(`pp-preview-offered: ${e.detail.record?.fields.name ?? ''}`)}
        onPpAccepted={() => add('pp-accepted')}
        onPpCallConnected={() => add('pp-call-connected')}
        onPpCallEnded={() => add('pp-call-ended')}
        onPpDone={(e) => add(`pp-done: ${e.detail.interaction.id}`)}
      >
        <main>
          <PushPreviewPanel />
        </main>
      </PushPreviewSession>
      <h2>Events seen by the app</h2>
      <ol id="log">
        {log.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </>
  );
}
