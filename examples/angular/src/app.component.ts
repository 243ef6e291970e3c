import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import 'push-preview-elements/define';
import type { PpDoneEvent, PpPreviewOfferedEvent } from 'push-preview-elements';
import { SimulatedConnector } from 'push-preview-elements/connectors/simulated';

// A standalone component. CUSTOM_ELEMENTS_SCHEMA lets Angular's template compiler accept the
// library's tags, their properties ([connector]) and their events ((pp-…)).
@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Angular</h1>
    <push-preview-session
      [connector]="connector"
      no-persist
      (pp-preview-offered)="offered($event)"
      (pp-accepted)="add('pp-accepted')"
      (pp-call-connected)="add('pp-call-connected')"
      (pp-call-ended)="add('pp-call-ended')"
      (pp-done)="done($event)"
    >
      <main>
        <push-preview-panel></push-preview-panel>
      </main>
    </push-preview-session>
    <h2>Events seen by the app</h2>
    <ol id="log">
      @for (line of log(); track $index) {
        <li>{{ line }}</li>
      }
    </ol>
  `,
})
export class AppComponent {
  // A property binding, not an attribute: the connector is an object.
  readonly connector = new SimulatedConnector({ agentId: 'agent-1', pushDelayMs: 300, dialDelayMs: 600 });
  readonly log = signal<string[]>([]);

  add(line: string): void {
    this.log.update((lines) => [...lines, line]);
  }
  offered(e: Event): void {
    this.add(`pp-preview-offered: ${(e as PpPreviewOfferedEvent).detail.record?.fields.name ?? ''}`);
  }
  done(e: Event): void {
    this.add(`pp-done: ${(e as PpDoneEvent).detail.interaction.id}`);
  }
}
