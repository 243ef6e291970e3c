/**
 * Refusals shown as a proper alert (issue 13): not small red text but an alert (role=alert) with an
 * icon hidden from assistive technology, at the body's size, its text AA (≥ 4.5:1) against its own
 * background and its icon ≥ 3:1 (WCAG 1.4.11), in the light and the dark theme, en and ja.
 */
import { expect, fixture } from '@open-wc/testing';
import { html } from 'lit';
import '../../src/define/all.js';
import type { PushPreviewSession } from '../../src/elements/session/push-preview-session.js';
import { en } from '../../src/i18n/en.js';
import { loadLocale } from '../../src/i18n/index.js';
import { FixtureConnector } from '../fixtures/fixture-connector.js';
import { anyHour } from '../fixtures/any-hour.js';
import { reach } from '../fixtures/states.js';
import { until } from '../fixtures/wait.js';

type Rgba = [number, number, number, number];

function rgba(css: string): Rgba {
  const n = (css.match(/[\d.]+/g) ?? []).map(Number);
  if (!/^rgba?\(/.test(css) || n.length < 3) throw new Error(`not an rgb() colour: ${css}`);
  return [n[0]!, n[1]!, n[2]!, n[3] ?? 1];
}

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** The first opaque background at or above `el`, through shadow hosts; white at the top. */
function backgroundOf(el: Element): Rgba {
  for (let at: Element | null = el; at; at = at.parentElement ?? ((at.getRootNode() as ShadowRoot).host as Element | undefined) ?? null) {
    const bg = rgba(getComputedStyle(at).backgroundColor);
    if (bg[3] === 1) return bg;
  }
  return [255, 255, 255, 1];
}

describe('refusals are alerts', () => {
  let ja: typeof en;
  before(async () => {
    ja = await loadLocale('ja');
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'ja'] as const) {
      it(`${scheme}, ${lang}: an alert with an icon, at the body's size, AA contrast`, async () => {
        const t = lang === 'en' ? en : ja;
        const connector = new FixtureConnector(anyHour(reach('previewing', { at: Date.now() })));
        const provider = await fixture<PushPreviewSession>(
          html`<push-preview-session no-persist lang=${lang} style="color-scheme: ${scheme}; display: block; background: ${scheme === 'dark' ? '#111418' : '#ffffff'}" .connector=${connector}>
            <call-controls></call-controls>
          </push-preview-session>`,
        );
        const session = await provider.ready();
        await until(() => session.state.workflow.phase === 'previewing', 'previewing');
        const controls = provider.querySelector('call-controls')!;
        await until(() => controls.shadowRoot!.querySelector('[data-action="connect"]'), 'Connect shown');
        connector.refuseWith = 'server-error';
        controls.shadowRoot!.querySelector<HTMLButtonElement>('[data-action="connect"]')!.click();
        await until(() => controls.shadowRoot!.querySelector('[part~="refusal"]'), 'the refusal shown');
        const alert = controls.shadowRoot!.querySelector('[part~="refusal"]')!;
        expect(alert.getAttribute('role')).to.equal('alert');
        expect(alert.textContent).to.include(t.reasons['server-error']);
        const icon = alert.querySelector('svg');
        expect(icon, 'an icon').to.exist;
        expect(icon!.getAttribute('aria-hidden')).to.equal('true');
        expect(icon!.getBoundingClientRect().width, 'the icon is drawn').to.be.greaterThan(10);
        const style = getComputedStyle(alert);
        expect(parseFloat(style.fontSize), 'not small text').to.be.at.least(parseFloat(getComputedStyle(controls).fontSize));
        const bg = backgroundOf(alert);
        const text = contrast(rgba(style.color), bg);
        expect(text, `text ${style.color} on ${bg.join(',')}`).to.be.at.least(4.5);
        const iconColour = rgba(getComputedStyle(icon!).color);
        expect(contrast(iconColour, bg), `icon ${iconColour.join(',')} on ${bg.join(',')}`).to.be.at.least(3);
        await expect(controls).to.be.accessible();
        session.dispose();
      });
    }
  }
});
