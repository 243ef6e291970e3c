/**
 * <wrapup-codes>: the call result, Do Not Call and disposition controls are shown disabled, with
 * the reason, while a Mark Done is under way; a click then is refused and sends nothing.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { Command, Result, ServerMessage } from '../../src/connectors/port.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

describe('<wrapup-codes> while Mark Done is under way', () => {
  it('shows the choices disabled with the reason, and a tick changes nothing', async () => {
    const connector = new FixtureConnector(reach('after-call', { at: Date.now(), campaign: { dispositionRequired: false } }));
    let answer: (r: Result<readonly ServerMessage[]>) => void = () => undefined;
    const send = connector.send.bind(connector);
    connector.send = (c: Command) => (c.type === 'mark-done' ? (connector.sent.push(c), new Promise((r) => (answer = r))) : send(c));
    const provider = await fixture<PushPreviewSession>(
      html`<push-preview-session no-persist lang="en" .connector=${connector}><wrapup-codes></wrapup-codes></push-preview-session>`,
    );
    const session = await provider.ready();
    await until(() => session.state.workflow.phase === 'after-call', 'after-call');
    const el = provider.querySelector('wrapup-codes') as HTMLElement & { updateComplete: Promise<unknown> };
    await el.updateComplete;
    const root = el.shadowRoot!;
    const dnc = () => root.querySelector<HTMLInputElement>('input[name="dnc"]')!;
    const select = () => root.querySelector<HTMLSelectElement>('select[part="call-result"]')!;
    const codes = () => root.querySelector<HTMLElement>('[part="codes"]')!;
    expect(dnc().getAttribute('aria-disabled')).to.equal('false');
    expect(codes().getAttribute('aria-disabled')).to.equal('false');

    root.querySelector<HTMLButtonElement>('[data-action="mark-done"]')!.click();
    await until(() => session.state.pending === 'mark-done', 'mark-done pending');
    await el.updateComplete;
    for (const [name, control] of [
      ['dnc', dnc()],
      ['call result', select()],
      ['codes', codes()],
    ] as const) {
      expect(control.getAttribute('aria-disabled'), `${name} disabled`).to.equal('true');
      const why = control.getAttribute('aria-describedby');
      expect(why, `${name} says why`).to.be.a('string');
      expect(root.getElementById(why!)?.textContent).to.equal('Another request is still in progress.');
    }
    dnc().click();
    await el.updateComplete;
    expect(session.state.workflow.wrapup.doNotCall).to.equal(false);
    expect(dnc().checked, 'the box shows what applies').to.equal(false);
    expect(session.state.refusal).to.deep.include({ intent: 'mark-do-not-call', reason: 'busy' });
    expect(root.querySelector('[part~="refusal"]')?.textContent).to.contain('Another request is still in progress.');

    answer({ ok: true, value: [] });
    await until(() => session.state.pending === null, 'settled');
    await el.updateComplete;
    expect(dnc().getAttribute('aria-disabled')).to.equal('false');
    expect(connector.sent.filter((c) => c.type === 'mark-done')).to.have.length(1);
  });
});
