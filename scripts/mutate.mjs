// npm run mutate: a fixed hand list of single-point bugs in the domain, the session and the
// validator, applied one at a time; after each, the tests that claim the rule run and must fail.
// They run in Node (scripts/node-tests/run.mjs: no browser, no lock, about a second each);
// `npm run mutate -- <area> --browser` runs them in Chromium under the browser lock instead. Prints each mutant killed or survived and a
// score per area. Files are restored after each mutant, and on Ctrl-C.
// A domain or session mutant the listed tests miss is then run against the model-based test
// (scripts/soak.mjs, 300 sequences, a fixed seed), whose reference is written apart from the machine.
// (StrykerJS has no @web/test-runner runner, and its vitest runner would need these browser
// tests ported; a fixed list is re-runnable offline in a few minutes.)
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const DOMAIN = [
  'test/domain/machine.test.ts',
  'test/domain/machine-guards.test.ts',
  'test/session/session.test.ts',
  'test/session/wrapup.test.ts',
  'test/session/surviving.test.ts',
  'test/domain/dial-rules.test.ts',
  'test/session/dial-rules.test.ts',
];
const SESSION = [
  'test/session/modules.test.ts',
  'test/session/session.test.ts',
  'test/session/wrapup.test.ts',
  'test/session/deadlines.test.ts',
  'test/session/sequencer.test.ts',
  'test/session/drafts-storage.test.ts',
  'test/session/surviving.test.ts',
  'test/session/dial-rules.test.ts',
  'test/session/record-drafts.test.ts',
];
const VALIDATOR = ['test/connectors/validate.test.ts', 'test/connectors/simulated-server.test.ts', 'test/session/drafts-storage.test.ts'];

/** [area, file, text to find (exactly once), its replacement, what the bug is] */
const MUTANTS = [
  // issue 13: what may be dialed (src/domain/dial-rules.ts) and what goes with it
  [
    'domain',
    'src/domain/dial-rules.ts',
    'if (state.wrapup.doNotCall && marks.marked === r.handle) return true;',
    '',
    "W-25 the agent's Do Not Call tick ignored",
  ],
  [
    'domain',
    'src/domain/dial-rules.ts',
    'if (!record || inCallingWindow(now, record)) return null;',
    'if (!record) return null;',
    'Connect asks even inside the window',
  ],
  [
    'domain',
    'src/domain/dial-rules.ts',
    "return confirmed ? null : { reason: 'outside-calling-window-confirm', detail };",
    'return null;',
    'outside the window dialed unasked',
  ],
  [
    'domain',
    'src/domain/dial-rules.ts',
    "if ((state.campaign?.callingWindowPolicy ?? 'confirm') === 'refuse')",
    'if (false)',
    "the campaign's refuse policy ignored",
  ],
  [
    'session',
    'src/session/session.ts',
    "if (reason === 'do-not-call' && command.type === 'connect')",
    'if (false)',
    "the server's Do Not Call refusal forgotten",
  ],
  ['session', 'src/session/drafts.ts', 'if (set) return', 'if (false) return', 'W-14 the picker shows the default over the time set'],
  [
    'session',
    'src/session/commands.ts',
    '...(marked != null ? { doNotCallHandle: marked } : {})',
    '',
    'W-25 Do Not Call sent for the record dialed, not the one ticked',
  ],
  [
    'domain',
    'src/domain/actions.ts',
    'call && call.parties >= MAX_CONFERENCE_PARTIES',
    'call && call.parties > MAX_CONFERENCE_PARTIES',
    'W-17 a 4th party allowed',
  ],
  [
    'domain',
    'src/domain/actions.ts',
    "if (state.campaign?.telephony !== 'sip') return { reason: 'recording-unavailable' }",
    "if (state.campaign?.telephony === 'none') return { reason: 'recording-unavailable' }",
    'W-20 recording off SIP',
  ],
  [
    'domain',
    'src/domain/actions.ts',
    "return { reason: state.phase === 'stale' ? 'stale' : 'not-allowed' };",
    "return { reason: 'not-allowed' };",
    'W-30 stale reason lost',
  ],
  ['domain', 'src/domain/machine.ts', "if (!free || state.agent.status !== 'ready' ||", 'if (!free ||', 'W-2 offered to a Not Ready agent'],
  [
    'domain',
    'src/domain/machine.ts',
    'if (!event.chain.records.some((r) => r.handle === event.chain.activeHandle)) return state;',
    '',
    'chain without its active record applied',
  ],
  [
    'domain',
    'src/domain/machine.ts',
    "if (!state.campaign || !(inPhase(state, 'after-call') || (inPhase(state, 'previewing') && codeOnly))) return state;",
    'if (!state.campaign) return state;',
    'W-24 wrap-up choices outside wrap-up',
  ],
  [
    'domain',
    'src/domain/machine.ts',
    "if (!inPhase(state, 'ringing', 'previewing', 'after-call')) return state;\n      return { ...state, phase: 'stale'",
    "return { ...state, phase: 'stale'",
    'W-30 stale while calling',
  ],
  [
    'domain',
    'src/domain/intents.ts',
    "      return ctx.unsaved ? { reason: 'unsaved-changes' } : null;\n    case 'mark-done'",
    "      return null;\n    case 'mark-done'",
    'W-10/W-11 Cancel/Transfer with unsaved edits',
  ],
  ['domain', 'src/domain/intents.ts', '!state.wrapup.dispositionCode', 'false', 'W-29 Mark Done without a required code'],
  ['domain', 'src/domain/intents.ts', 'intent.at <= ctx.now', 'intent.at < 0', 'W-14 callback in the past'],
  ['domain', 'src/domain/availability.ts', 'facts.pending !== null', 'facts.pending === "never"', 'busy not refused'],
  [
    'domain',
    'src/domain/actions.ts',
    "  dialing: ['disconnect', 'update-record'",
    "  dialing: ['disconnect', 'mark-done', 'update-record'",
    'W-28 Mark Done offered while dialing',
  ],
  ['domain', 'src/domain/actions.ts', "    'set-call-result', // W-24", "    'set-call-result', // W-24\n    'cancel',", 'W-10 Cancel offered in wrap-up'],
  ['domain', 'src/domain/availability.ts', ': !facts.online', ': false', 'offline not refused'],
  [
    'session',
    'src/session/session.ts',
    "if (s.pending !== null) return this.refuse(intent.type, { reason: 'busy' });",
    "if (s.pending !== null && !isWrapupIntent(intent)) return this.refuse(intent.type, { reason: 'busy' });",
    'wrap-up choice during Mark Done',
  ],
  ['session', 'src/session/commands.ts', '}, timeoutMs);', '}, timeoutMs * 1000);', 'no command deadline'],
  [
    'session',
    'src/session/commands.ts',
    "(e: unknown) => finish(refused('network', thrownText(e))),",
    '(e: unknown) => { throw e; },',
    'a rejecting send unhandled',
  ],
  ['session', 'src/session/reconnect.ts', 'if (r.ok || this.host.isDisposed()) return;', 'return;', 'a failed (or throwing) connect ends the reconnect loop'],
  ['session', 'src/session/reconnect.ts', 'Math.min(RECONNECT_CAP_MS, ', 'Math.min(Infinity, ', 'no backoff cap'],
  ['session', 'src/session/sequencer.ts', 'if (m.seq > this.seq + MAX_AHEAD) {', 'if (m.seq < 0) {', 'no bound on seq ahead'],
  ['session', 'src/session/sequencer.ts', 'if (seen !== undefined && seen !== contentOf(m)) this.conflict(m);', '', 'duplicate by seq alone'],
  ['session', 'src/session/sequencer.ts', '    this.fresh = true;', '    this.fresh = false;', 'no new epoch on reconnect'],
  ['session', 'src/session/sequencer.ts', '          this.scheduleRetry();\n          break;', '          break;', 'a failed snapshot not retried'],
  ['session', 'src/session/sequencer.ts', 'if (h.resyncs >= HELD_RESYNCS) {', 'if (h.resyncs < 0) {', 'snapshot storm on a held message'],
  ['session', 'src/session/session.ts', "s.pending === 'reject') return;", 's.pending !== null) return;', 'auto-reject suppressed by a request'],
  [
    'session',
    'src/session/session.ts',
    "return void this.refuse('accept', { reason: 'timeout' });",
    'return;',
    'W-6 policy dial: a deadline with a request in flight tells the agent nothing',
  ],
  [
    'session',
    'src/session/session.ts',
    'live ? (next.workflow.interaction?.id ?? null) : null',
    'next.workflow.interaction?.id ?? null',
    'drafts stored after the end',
  ],
  ['session', 'src/session/session.ts', '    forgetDrafts(this.storage, this.storageKey);\n', '', 'drafts kept after dispose'],
  [
    'session',
    'src/session/timers.ts',
    "this.subs.push(sched.schedule(() => this.host.apply({ type: 'stale', interactionId: i.id }), Math.max(0, i.staleAt - sched.now())));",
    '',
    'the session’s own stale timer removed',
  ],
  [
    'session',
    'src/session/drafts.ts',
    'dialNumber: dial === null ? null : part(() => text(dial, 64), null),',
    'dialNumber: dial as string,',
    'stored drafts trusted',
  ],
  [
    'session',
    'src/session/commands.ts',
    '      return d.dialNumber === command.number ? { ...d, dialNumber: null } : d;',
    '      return { ...d, dialNumber: null };',
    'a draft dropped without its confirmation',
  ],
  ['validator', 'src/connectors/validate.ts', 'if (!isTimeZone(z))', 'if (!z)', 'any time zone'],
  ['validator', 'src/connectors/fields.ts', 'else if (x.length > MAX_FIELD_LENGTH)', 'else if (x.length < 0)', 'no field length cap'],
  ['validator', 'src/connectors/fields.ts', 'else if (++count > MAX_FIELDS)', 'else if (++count < 0)', 'no field count cap'],
  ['validator', 'src/connectors/fields.ts', ' && !(name in Object.prototype)', '', 'field names like constructor'],
  [
    'validator',
    'src/connectors/fields.ts',
    'return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;',
    'return o[k];',
    'inherited properties read',
  ],
  ['validator', 'src/connectors/validate.ts', 'if (d > max) throw', 'if (d < 0) throw', 'no nesting cap'],
  ['validator', 'src/connectors/validate.ts', "if (parties > 3) throw new Invalid(`${path}.parties`, 'at most 3 parties');", '', 'a 4th party'],
  [
    'validator',
    'src/connectors/validate.ts',
    "if (!records.some((r) => r.handle === activeHandle)) throw new Invalid(`${path}.activeHandle`, 'not a record of the chain');",
    '',
    'chain without its active record',
  ],
  [
    'validator',
    'src/connectors/validate.ts',
    "if (!Number.isSafeInteger(seq)) throw new Invalid('message.seq', 'expected a safe integer');",
    '',
    'seq past the safe integers',
  ],
];

const browser = process.argv.includes('--browser');
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
const original = new Map();
const restore = () => {
  for (const [f, text] of original) writeFileSync(f, text);
  original.clear();
};
process.on('SIGINT', () => {
  restore();
  process.exit(130);
});

const score = {};
for (const [area, file, from, to, what] of MUTANTS) {
  if (only && area !== only) continue;
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    console.error(`mutate: "${what}": the text to change is not in ${file} exactly once; fix the list`);
    process.exit(2);
  }
  original.set(file, text);
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
  const files = area === 'domain' ? DOMAIN : area === 'session' ? SESSION : VALIDATOR;
  let r;
  try {
    r = browser
      ? spawnSync('flock', ['/tmp/pp-browser.lock', 'npx', '--no-install', 'wtr', '--files', ...files], {
          env: { ...process.env, PP_BROWSERS: 'chromium' },
          encoding: 'utf8',
        })
      : spawnSync(process.execPath, ['scripts/node-tests/run.mjs', ...files], { encoding: 'utf8', timeout: 300_000 });
  } finally {
    restore();
  }
  let killed = r.status !== 0;
  let by = '';
  if (!killed && area !== 'validator') {
    // the model-based test against its independent reference, on the same mutant
    writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
    original.set(file, text);
    try {
      const m = spawnSync(process.execPath, ['scripts/soak.mjs', '300', '20261125'], { encoding: 'utf8', timeout: 300_000 });
      killed = m.status !== 0;
      by = killed ? ' (by the model)' : '';
    } finally {
      restore();
    }
  }
  score[area] ??= { killed: 0, total: 0 };
  score[area].total += 1;
  if (killed) score[area].killed += 1;
  console.log(`${killed ? 'killed  ' : 'SURVIVED'} ${area.padEnd(9)} ${what}${by}`);
}
let k = 0;
let t = 0;
for (const [area, s] of Object.entries(score)) {
  k += s.killed;
  t += s.total;
  console.log(`mutate: ${area}: ${s.killed}/${s.total} killed (${Math.round((100 * s.killed) / s.total)}%)`);
}
console.log(`mutate: ${k}/${t} killed (${t ? Math.round((100 * k) / t) : 0}%)`);
