// An integrator's test in plain @web/test-runner (mocha + @open-wc/testing's chai): the CRM's
// own page code listens to the elements' events; the test desk drives the outbound server.
import { expect, fixture, html } from '@open-wc/testing';
import 'push-preview-elements/define';
import { createTestDesk, waitFor, waitForPhase } from 'push-preview-elements/testing';

/** The CRM's integration under test: it opens the contact's CRM record when a preview is accepted. */
function openRecordOnAccept(el: Element, opened: string[]): void {
  el.addEventListener('pp-accepted', (e) => opened.push((e as CustomEvent).detail.record.fields.name));
}

/** The first enabled control for `action`, through the elements' shadow roots. */
function control(root: Element, action: string): HTMLElement {
  const all = (r: ParentNode): Element[] => [...r.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
  const found = all(root).find((e) => e.getAttribute('data-action') === action && e.getAttribute('aria-disabled') === 'false');
  if (!found) throw new Error(`no enabled ${action} control`);
  return found as HTMLElement;
}

describe('my CRM integration (@web/test-runner)', () => {
  it('opens the CRM record of the contact the agent accepts', async () => {
    const desk = createTestDesk({ contacts: [{ name: 'Ada Lovelace', phone: '(212) 555-0100' }] });
    await desk.putInPhase('ringing');
    const el = await fixture(
      html`<push-preview-session no-persist .connector=${desk.connector}><push-preview-panel></push-preview-panel></push-preview-session>`,
    );
    const opened: string[] = [];
    openRecordOnAccept(el, opened);
    await waitForPhase(el, 'ringing');

    control(el, 'accept').click();
    await waitForPhase(el, 'previewing');
    expect(opened).to.deep.equal(['Ada Lovelace']);
    expect(desk.commands.map((c) => c.type)).to.deep.equal(['accept']);
  });

  it('shows the server refusing Connect, and keeps the preview', async () => {
    const desk = createTestDesk();
    await desk.putInPhase('previewing');
    const el = await fixture(
      html`<push-preview-session no-persist .connector=${desk.connector}><push-preview-panel></push-preview-panel></push-preview-session>`,
    );
    await waitForPhase(el, 'previewing');

    desk.refuseNext('connect', 'do-not-call');
    control(el, 'connect').click();
    const session = await waitFor(el, (s) => s.refusal?.reason === 'do-not-call', 'the refusal');
    expect(session.state.workflow.phase).to.equal('previewing');
  });
});
