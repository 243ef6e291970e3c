// An integrator's test in Vitest browser mode: no test framework of the library's, plain DOM.
import { afterEach, expect, test } from 'vitest';
import 'push-preview-elements/define';
import type { PushPreviewSession } from 'push-preview-elements';
import { createTestDesk, waitFor, waitForPhase } from 'push-preview-elements/testing';

/** Mount the desk as the CRM page does: a provider around the panel, the connector set as a property. */
function mount(connector: PushPreviewSession['connector']): PushPreviewSession {
  const el = document.createElement('push-preview-session');
  el.toggleAttribute('no-persist', true);
  el.connector = connector;
  el.append(document.createElement('push-preview-panel'));
  document.body.append(el);
  return el;
}

/** The first enabled control for `action`, through the elements' shadow roots. */
function control(root: Element, action: string): HTMLElement {
  const all = (r: ParentNode): Element[] => [...r.querySelectorAll('*')].flatMap((e) => [e, ...(e.shadowRoot ? all(e.shadowRoot) : [])]);
  const found = all(root).find((e) => e.getAttribute('data-action') === action && e.getAttribute('aria-disabled') === 'false');
  if (!found) throw new Error(`no enabled ${action} control`);
  return found as HTMLElement;
}

afterEach(() => document.body.replaceChildren());

test('the CRM saves the wrap-up when the agent marks the call done', async () => {
  const desk = createTestDesk();
  const { interaction } = await desk.putInPhase('after-call');
  const el = mount(desk.connector);
  const saved: string[] = [];
  el.addEventListener('pp-done', (e) => saved.push(e.detail.interaction.id));
  await waitForPhase(el, 'after-call');

  control(el, 'mark-done').click(); // the campaign requires a code: refused until one is picked
  await waitFor(el, (s) => s.refusal?.reason === 'disposition-required', 'the disposition-required refusal');
  expect(desk.commands).toEqual([]); // refused on the desk, before anything was sent

  const code = [...el.querySelectorAll('*')]
    .flatMap((e) => [...(e.shadowRoot?.querySelectorAll('wrapup-codes') ?? [])])
    .map((w) => w.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio][value="RENEWED"]'))
    .find(Boolean)!;
  code.click();
  control(el, 'mark-done').click();
  await waitForPhase(el, 'done');
  expect(saved).toEqual([interaction!.id]);
  expect(desk.commands.map((c) => c.type)).toEqual(['mark-done']);
});

test('a held Accept shows as under way until the server answers', async () => {
  const desk = createTestDesk();
  await desk.putInPhase('ringing');
  const el = mount(desk.connector);
  await waitForPhase(el, 'ringing');

  desk.hold('accept');
  control(el, 'accept').click();
  await waitFor(el, (s) => s.pending === 'accept', 'Accept under way');
  await desk.answer('accept');
  await waitForPhase(el, 'previewing');
});
