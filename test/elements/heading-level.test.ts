/**
 * `heading-level` (issue 13): the preview's heading sits at the level the page needs — 2 by
 * default, under the page's `<h1>` — settable 1–6 on the form and on the panel; another value
 * falls back to 2 with a console warning. The form hard-coded an `<h3>`, which gave axe
 * `heading-order` under a page's `<h1>` in every phase with a preview.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { PushPreviewForm } from '../../src/elements/form/push-preview-form.js';
import type { PushPreviewPanel } from '../../src/elements/panel/push-preview-panel.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { allSaid } from '../../src/elements/internal/say.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

function headingOf(el: Element): Element | null {
  return el.shadowRoot?.querySelector('[role="heading"], h1, h2, h3, h4, h5, h6') ?? null;
}

/** The level a heading has: its aria-level, or the N of hN. */
function levelOf(h: Element): number {
  return Number(h.getAttribute('aria-level') ?? h.localName.slice(1));
}

async function formIn(attr: string | null): Promise<{ page: HTMLElement; form: PushPreviewForm }> {
  const page = await fixture<HTMLElement>(
    html`<main>
      <h1>Contact</h1>
      <push-preview-session no-persist lang="en" .connector=${new FixtureConnector(reach('previewing', { at: Date.now() }))}>
        <push-preview-form></push-preview-form>
      </push-preview-session>
    </main>`,
  );
  const form = page.querySelector('push-preview-form')!;
  if (attr !== null) form.setAttribute('heading-level', attr);
  const session = await page.querySelector<PushPreviewSession>('push-preview-session')!.ready();
  await until(() => session.state.workflow.phase === 'previewing', 'previewing');
  await until(() => headingOf(form), 'the heading shown');
  await form.updateComplete;
  return { page, form };
}

describe('heading-level', () => {
  let warnings: unknown[][];
  let warn: typeof console.warn;
  beforeEach(() => {
    warnings = [];
    warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(async () => {
    await allSaid();
    console.warn = warn;
  });

  it('defaults to 2 under the page heading, and axe finds no heading-order under an <h1>', async () => {
    const { page, form } = await formIn(null);
    await expect(page).to.be.accessible();
    expect(levelOf(headingOf(form)!)).to.equal(2);
    expect(headingOf(form)!.textContent!.trim()).to.equal('山田 太郎');
    await allSaid();
    expect(warnings).to.have.length(0);
  });

  for (const level of [1, 3, 6]) {
    it(`heading-level="${level}" gives a level-${level} heading`, async () => {
      const { form } = await formIn(String(level));
      await until(() => levelOf(headingOf(form)!) === level, `level ${level}`);
      await allSaid();
      expect(warnings).to.have.length(0);
    });
  }

  for (const bad of ['0', '7', '2.5', 'three']) {
    it(`heading-level="${bad}" falls back to 2 with a console warning`, async () => {
      const { form } = await formIn(bad);
      expect(levelOf(headingOf(form)!)).to.equal(2);
      await allSaid();
      expect(warnings.length, 'warned').to.be.greaterThan(0);
      expect(String(warnings[0]![0])).to.match(/<push-preview-form>: heading-level must be a whole number from 1 to 6/);
    });
  }

  it('the panel passes its heading-level to the form inside', async () => {
    const panel = await fixture<PushPreviewPanel>(
      html`<push-preview-panel heading-level="4" no-persist .connector=${new FixtureConnector(reach('previewing', { at: Date.now() }))}></push-preview-panel>`,
    );
    await panel.ready();
    const form = () => panel.shadowRoot!.querySelector('push-preview-form')!;
    await until(() => headingOf(form()), 'the heading shown');
    expect(levelOf(headingOf(form())!)).to.equal(4);
    panel.setAttribute('heading-level', 'x');
    await panel.updateComplete;
    await form().updateComplete;
    expect(levelOf(headingOf(form())!)).to.equal(2);
    await allSaid();
    expect(String(warnings[0]?.[0])).to.match(/<push-preview-panel>: heading-level/);
  });
});
