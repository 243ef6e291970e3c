// scripts/tabs.mjs's check of the host events' detail.primary across the tabs of one agent.

function check(ok, message) {
  if (!ok) throw new Error(message);
}

/**
 * Every host event fired while these tabs were open was primary (`detail.primary`) in exactly one
 * tab: `closed` are the logs of tabs closed on the way (read before), `open` those open throughout.
 */
export function primaryOnce(label, open, closed = []) {
  const keys = new Map();
  for (const log of [...open, ...closed]) {
    const n = new Map();
    for (const e of log) {
      n.set(e.key, (n.get(e.key) ?? 0) + 1);
      const k = keys.get(e.key) ?? { most: 0, primary: 0 };
      if (e.primary === true) k.primary += 1;
      keys.set(e.key, k);
    }
    for (const [key, c] of n) keys.get(key).most = Math.max(keys.get(key).most, c);
  }
  check(keys.size > 0, `${label}: no host event fired`);
  for (const [key, k] of keys) {
    check(k.primary === k.most, `${label}: ${key} had detail.primary true in ${k.primary} tabs (1 expected for each time it fired)`);
    // An event of the desk fires in every tab (each page updates its view); a refusal only in the tab whose action it was.
    if (!key.startsWith('pp-refused'))
      check(
        open.every((log) => log.some((e) => e.key === key)),
        `${label}: ${key} did not fire in every tab`,
      );
  }
  console.log(`    ${keys.size} host events, each primary in exactly one tab`);
}
