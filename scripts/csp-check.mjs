// The demo, unchanged, served with a strict Content-Security-Policy (no 'unsafe-inline', no
// 'unsafe-eval') and Trusted Types required: walk the workflow in Chromium and count violations
// (securitypolicyviolation events and CSP reports). Needs `npm run build` first.
import { HANG_MS, watchBanner } from './page-waits.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from './browsers.mjs';
import { CSP, serve } from './serve.mjs';

const reports = [];
const server = await serve({ port: 0, onReport: (body) => reports.push(body) });
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs.filter((a) => !a.startsWith('--headless')), headless: true });
const results = [];
const check = (name, ok, detail = '') => {
  results.push({ name, ok });
  console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` — ${detail}` : ''}`);
};

async function open(path) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && !/favicon|404/.test(m.text()) && errors.push(m.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
  });
  const response = await page.goto(`${base}${path}`);
  return { page, errors, response };
}

const click = async (page, selector) => {
  const el = page.locator(`${selector}[aria-disabled="false"]`).first();
  await el.waitFor({ timeout: HANG_MS });
  await el.click();
};

try {
  // The CRM page: elements in several regions on one session.
  const { page, errors, response } = await open('/demo/');
  const header = response.headers()['content-security-policy'] ?? '';
  check(
    'served with the strict policy',
    header === CSP && !/unsafe-(inline|eval)/.test(header) && header.includes("require-trusted-types-for 'script'"),
    header,
  );
  // The page is settled once the session is connected and has read the server's state.
  await page.waitForFunction(() => customElements.get('push-preview-session') !== undefined);
  await page.evaluate(() => document.getElementById('session').ready());
  // The demo page (issue 13): the docked strip covers nothing, its controls are compact, and before a
  // preview each region says what will appear in it.
  const layout = await page.evaluate(() => {
    const box = (el) => el.getBoundingClientRect();
    const strip = box(document.querySelector('.demo-strip'));
    const content = [document.querySelector('.crm-header'), document.querySelector('.crm-body')].map(box);
    return {
      overlap: content.some((c) => c.bottom > strip.top + 0.5 && c.top < strip.bottom - 0.5),
      faults: box(document.getElementById('faults')).width,
      rem: parseFloat(getComputedStyle(document.documentElement).fontSize),
      empty: [...document.querySelectorAll('.crm-empty')].filter((p) => !p.hidden && p.textContent.trim().length > 20).length,
    };
  });
  check('the demo strip takes its own space, over no content', !layout.overlap, JSON.stringify(layout));
  check("the demo strip's Faults select is compact (at most 12 rem)", layout.faults <= 12 * layout.rem + 0.5, `${layout.faults} px`);
  check('before a preview every region says what will appear in it (5)', layout.empty === 5, `${layout.empty} shown`);
  await click(page, 'push-preview-agent [data-action="login"]');
  await click(page, 'push-preview-agent [data-action="ready"]');
  await click(page, 'push-preview-form [data-action="accept"]');
  check(
    'with a preview the placeholders make way',
    await page
      .waitForFunction(() => [...document.querySelectorAll('.crm-empty')].every((p) => p.hidden), null, { timeout: HANG_MS })
      .then(
        () => true,
        () => false,
      ),
  );
  await page.locator('record-editor #f-notes').fill('CSP check: typed text');
  await click(page, 'record-editor [data-action="update-record"]');
  await click(page, 'call-controls [data-action="connect"]');
  // Outside the contact's calling window Connect asks first (issue 13), and the agent confirms.
  const hold = page.locator('call-controls [data-action="hold"][aria-disabled="false"]');
  const anyway = page.locator('call-controls [data-action="connect-anyway"]');
  await hold.or(anyway).first().waitFor({ timeout: HANG_MS });
  if (!(await hold.isVisible())) await click(page, 'call-controls [data-action="connect-anyway"]');
  await click(page, 'call-controls [data-action="hold"]');
  await click(page, 'call-controls [data-action="retrieve"]');
  await click(page, 'call-controls [data-action="disconnect"]');
  await page.locator('wrapup-codes input[type="radio"]').first().check();
  const sawDone = await watchBanner(page, 'Done');
  await click(page, 'wrapup-codes [data-action="mark-done"]');
  check(
    'the workflow ran to Mark Done',
    await sawDone().then(
      () => true,
      () => false,
    ),
  );
  await page.selectOption('#lang', 'ja');
  await page.locator('push-preview-agent [data-action="not-ready"]', { hasText: '受付不可' }).waitFor({ timeout: HANG_MS });
  check('switched to Japanese at run time', true);
  check(
    'the placeholders in Japanese too',
    await page.evaluate(() =>
      [...document.querySelectorAll('.crm-empty')].every((p) => p.textContent === p.dataset.ja && /[ぁ-んァ-ン一-龯]/.test(p.textContent)),
    ),
  );
  await page.selectOption('#theme', 'dark');
  await page.waitForTimeout(200);
  const v1 = await page.evaluate(() => window.__violations);
  check('no CSP / Trusted Types violation on the CRM page', v1.length === 0 && errors.length === 0, [...v1, ...errors].join('; '));

  // The panel alone.
  const panel = await open('/demo/panel.html');
  await panel.page.waitForFunction(() => customElements.get('push-preview-panel') !== undefined);
  await panel.page.evaluate(() => document.querySelector('push-preview-panel').ready());
  await click(panel.page, 'push-preview-panel [data-action="login"]');
  await click(panel.page, 'push-preview-panel [data-action="ready"]');
  await click(panel.page, 'push-preview-panel [data-action="accept"]');
  await panel.page.locator('push-preview-panel [role="tab"]').nth(1).click();
  await panel.page.locator('push-preview-panel chained-records #dial').waitFor({ timeout: HANG_MS });
  const v2 = await panel.page.evaluate(() => window.__violations);
  check('no violation on the panel page', v2.length === 0 && panel.errors.length === 0, [...v2, ...panel.errors].join('; '));
  await new Promise((r) => setTimeout(r, 300));
  check('no CSP report reached the server', reports.length === 0, reports.join('; '));
} catch (e) {
  const pages = browser.contexts().flatMap((c) => c.pages());
  const state = pages.length
    ? await pages[pages.length - 1]
        .evaluate(() => {
          const s = document.querySelector('push-preview-session, push-preview-panel')?.session?.state;
          return s
            ? JSON.stringify({
                phase: s.workflow.phase,
                agent: s.workflow.agent.status,
                pending: s.pending,
                refusal: s.refusal,
                connection: s.connection,
                allowed: [...s.allowed],
              })
            : 'no session';
        })
        .catch((x) => String(x))
    : '';
  check('the demo could be driven', false, `${String(e).split('\n')[0]} — session: ${state}`);
} finally {
  await browser.close();
  server.close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
mkdirSync('.reports', { recursive: true });
writeFileSync('.reports/csp.json', JSON.stringify({ passed, failed, skipped: 0 }));
console.log(`csp: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
