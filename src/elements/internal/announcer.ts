/**
 * The live region: tells assistive technology that a preview arrived, time is running out,
 * a call connects, or a request was refused and why — in the agent's language.
 */
import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Subscription } from 'rxjs';
import { showPhone } from '../../domain/phone.js';
import { activeRecord } from '../../domain/types.js';
import type { DeskSession, Notice } from '../../session/session.js';
import type { LocalizeController } from './localize.js';

export class Announcer implements ReactiveController {
  polite = '';
  assertive = '';
  private sub: Subscription | null = null;
  private session: DeskSession | undefined;
  private flip = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly i18n: LocalizeController,
  ) {
    host.addController(this);
  }

  watch(session: DeskSession | undefined): void {
    if (session === this.session) return;
    this.sub?.unsubscribe();
    this.session = session;
    this.sub = session ? session.notices$.subscribe((n) => this.announce(n)) : null;
  }

  hostConnected(): void {
    if (this.session && !this.sub) this.sub = this.session.notices$.subscribe((n) => this.announce(n));
  }

  hostDisconnected(): void {
    this.sub?.unsubscribe();
    this.sub = null;
  }

  /** The words for a notice, or '' when it is not worth saying. */
  text(n: Notice): string {
    const t = this.i18n.t;
    switch (n.kind) {
      case 'offered': {
        const i = n.state.interaction!;
        const record = activeRecord(i.chain);
        const name = record?.fields.name || (record ? showPhone(record.phone, record.country).text : '');
        return t.announceOffered(name, Math.round((i.acceptDeadline - i.offeredAt) / 1000));
      }
      case 'time-running-out':
        return t.announceTimeLow(n.secondsLeft);
      case 'wrapup-time':
        return t.announceWrapupLeft(n.secondsLeft);
      case 'accepted':
        return t.announceAccepted;
      case 'dialing': {
        const call = n.state.call;
        const record = call ? n.state.interaction?.chain.records.find((r) => r.handle === call.handle) : undefined;
        return t.announceDialing(call ? showPhone(call.number, record?.country ?? '').text : '');
      }
      case 'connected':
        return t.announceConnected;
      case 'call-ended':
        return t.announceEnded;
      case 'done':
        return t.announceDone;
      case 'rejected':
        return t.announceRejected(n.auto);
      case 'cancelled':
        return t.announceCancelled;
      case 'transferred':
        return t.announceTransferred(n.target?.name ?? '');
      case 'stale':
        return t.announceStale;
      case 'failed':
        return t.announceFailed;
      case 'refused':
        return t.announceRefused(t.reasons[n.refusal.reason]);
      case 'problem':
        // A transport problem is the reconnect loop saying a try failed and it goes on.
        return n.problem.kind === 'transport' ? t.announceReconnecting : t.problem;
      case 'connection':
        return n.connection === 'online' ? t.announceOnline : t.announceReconnecting;
    }
  }

  private announce(n: Notice): void {
    // A session shared by the agent's tabs is told in the tab the agent sees, not in every tab.
    if (this.session?.sharedTabs && typeof document === 'object' && document.visibilityState === 'hidden') return;
    const text = this.text(n);
    if (!text) return;
    // A non-breaking space toggled at the end makes a repeated message count as new.
    this.flip = !this.flip;
    const said = this.flip ? text : `${text}\u00a0`;
    if (n.kind === 'refused' || n.kind === 'time-running-out' || n.kind === 'problem') this.assertive = said;
    else this.polite = said;
    this.host.requestUpdate();
  }

  render(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" part="live-region">${this.polite}</div>
      <div class="visually-hidden" role="alert" aria-live="assertive">${this.assertive}</div>`;
  }
}
