// Waits for the Playwright smoke checks (examples, CSP): on what the page shows, never on time.

/** A bound for a hang, not a budget: every wait is on something the page shows. */
export const HANG_MS = 30_000;

/**
 * Start watching `<push-preview-form>`'s banner for `word` as it renders; the returned function
 * waits until it was seen. A banner that lasts only until the next push (the agent is still Ready
 * after Mark Done) is caught by a mutation observer, not looked for afterwards.
 */
export async function watchBanner(page, word) {
  await page.evaluate((w) => {
    const find = (root) =>
      root.querySelector('push-preview-form') ?? [...root.querySelectorAll('*')].map((e) => e.shadowRoot && find(e.shadowRoot)).find(Boolean);
    const form = find(document);
    const seen = () => (form.shadowRoot.querySelector('[part~="banner"]')?.textContent ?? '').includes(w);
    window.__ppBannerSeen = seen();
    new MutationObserver(() => {
      if (seen()) window.__ppBannerSeen = true;
    }).observe(form.shadowRoot, { subtree: true, childList: true, characterData: true });
  }, word);
  return () => page.waitForFunction(() => window.__ppBannerSeen === true, null, { timeout: HANG_MS });
}
