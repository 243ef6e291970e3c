import { html, nothing, type TemplateResult } from 'lit';
import type { StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import type { Connector } from '../src/connectors/port.js';
import type { Phase } from '../src/domain/machine.js';
import { FixtureConnector } from '../test/fixtures/fixture-connector.js';
import { anyHour } from '../test/fixtures/any-hour.js';
import { reach, type Reach } from '../test/fixtures/states.js';

/**
 * Wrap a story in a session provider (no drafts kept across stories). Without a connector the
 * provider makes its own simulated one, on purpose (`simulated`: no badge, no warning); a story
 * that needs a prepared one makes it in a loader, so a re-render keeps the same server.
 */
export function sessionStory(content: TemplateResult, connector?: Connector): TemplateResult {
  return html`<push-preview-session no-persist ?simulated=${!connector} .connector=${connector ?? nothing}>${content}</push-preview-session>`;
}

/** `enabled` / `disabled` per `data-action` the element shows (several buttons of one action: the first). */
export type Actions = Readonly<Record<string, 'enabled' | 'disabled'>>;

/** Every element below `root`, through the shadow roots of the elements inside it. */
export function* deep(root: Element | ShadowRoot): Generator<Element> {
  for (const el of root.querySelectorAll('*')) {
    yield el;
    if (el.shadowRoot) yield* deep(el.shadowRoot);
  }
}

/** The action buttons an element shows (its own and those of the elements it holds), by `data-action`. */
export function actionsOf(el: Element): Actions {
  const out: Record<string, 'enabled' | 'disabled'> = {};
  for (const b of el.shadowRoot ? deep(el.shadowRoot) : []) {
    const a = (b as HTMLElement).dataset?.action;
    if (a && !(a in out)) out[a] = b.getAttribute('aria-disabled') === 'true' ? 'disabled' : 'enabled';
  }
  return out;
}

/** The first element matching `selector` below `el`, through shadow roots. */
export function find<E extends Element = HTMLElement>(el: Element | ShadowRoot, selector: string): E | null {
  const root = el instanceof Element && el.shadowRoot ? el.shadowRoot : el;
  for (const x of deep(root)) if (x.matches(selector)) return x as E;
  return null;
}

/** The action button `action` below `el`, through shadow roots. */
export function button(el: Element, action: string): HTMLButtonElement | null {
  return find<HTMLButtonElement>(el, `[data-action="${action}"]`);
}

/** The element's shadow root, once it has rendered the phase (its CSS custom state). */
export async function shown(el: Element, phase: Phase): Promise<ShadowRoot> {
  await waitFor(() => expect(el.matches(`:state(${phase})`), `${el.localName} shows ${phase}`).toBe(true));
  await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  return el.shadowRoot!;
}

export interface PhaseStory {
  /** The story's name, with its W-ids: "Ringing — W-3, W-6". */
  readonly name: string;
  readonly phase: Phase;
  /** How the fixture state is reached (campaign overrides, chain, held, recording, parties). */
  readonly reach?: Reach;
  /** Exactly the action controls the element must show in this state, and whether each is usable. */
  readonly actions: Actions;
  /** More checks on the rendered element. */
  readonly check?: (root: ShadowRoot, el: HTMLElement, connector: FixtureConnector) => Promise<void> | void;
  /** Markup around the element (default: the element alone in the provider). */
  readonly template?: (tag: string) => TemplateResult;
  readonly description?: string;
}

/**
 * One story of `tag` in one workflow phase: a real, machine-reachable state (test/fixtures/states.ts)
 * served by a {@link FixtureConnector} made in a loader. Its play function waits for the phase and
 * checks that exactly the expected controls are there, enabled or disabled as the spec says;
 * the a11y addon then runs axe on it.
 */
export function phaseStory(tag: string, s: PhaseStory): StoryObj {
  return {
    name: s.name,
    ...(s.description ? { parameters: { docs: { description: { story: s.description } } } } : {}),
    loaders: [async () => ({ connector: new FixtureConnector(anyHour(reach(s.phase, { at: Date.now(), ...s.reach }))) })],
    render: (_args, { loaded }) => sessionStory(s.template ? s.template(tag) : html`${document.createElement(tag)}`, loaded.connector as Connector),
    play: async ({ canvasElement, loaded }) => {
      const el = canvasElement.querySelector<HTMLElement>(tag)!;
      const root = await shown(el, s.phase);
      await waitFor(() => expect(actionsOf(el)).toEqual(s.actions));
      await s.check?.(root, el, loaded.connector as FixtureConnector);
    },
  };
}

/** Text of an element's shadow root, whitespace collapsed. */
export function textOf(root: ShadowRoot | Element | null | undefined): string {
  return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Type `value` into a field inside a shadow root: focus, set, fire `input` as typing does.
 * (testing-library's `clear`/`type` check `document.activeElement`, which is the host there.)
 */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
}
