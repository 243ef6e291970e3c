/**
 * A React twin of <push-preview-panel> for the benchmarks (issue 7) — bench/ only, never shipped.
 * Same markup as the Lit elements' shadow trees (each element's host becomes a <div data-el>),
 * the same store (`useSyncExternalStore` on `session.state$` / `session.state`), the same domain
 * rules and the same English strings. Each part subscribes on its own, as each Lit element does.
 */
import { Fragment, createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import {
  PHONE_TYPES,
  activeRecord,
  checkPhone,
  epochToZoned,
  formatMinuteOfDay,
  inCallingWindow,
  isCallResult,
  isEndPhase,
  offeredIn,
  refusalFor,
  zonedToEpoch,
  type Action,
  type CallbackType,
  type Intent,
  type IntentType,
  type PhoneType,
  type Target,
} from '../../src/domain/index.js';
import { en } from '../../src/i18n/en.js';
import { PUSH_PREVIEW_MEDIA } from '../../src/domain/types.js';
import type { Session, SessionState } from '../../src/session/session.js';
import type { RescheduleDraft } from '../../src/session/drafts.js';
import { countRender } from '../runtime/counter.js';

const t = en;
export const SessionCtx = createContext<Session | null>(null);

function useSession(): Session {
  const s = useContext(SessionCtx);
  if (!s) throw new Error('twin: no session');
  return s;
}

/** The store, read the React way. */
export function useSessionState(session: Session): SessionState {
  return useSyncExternalStore(subscriber(session), snapshotter(session));
}
// Stable functions per session, as React recommends (a new `subscribe` each render resubscribes).
const subscribers = new WeakMap<Session, (onChange: () => void) => () => void>();
const snapshotters = new WeakMap<Session, () => SessionState>();
function subscriber(session: Session) {
  let f = subscribers.get(session);
  if (!f) {
    f = (onChange) => {
      const sub = session.state$.subscribe(() => onChange());
      return () => sub.unsubscribe();
    };
    subscribers.set(session, f);
  }
  return f;
}
function snapshotter(session: Session) {
  let f = snapshotters.get(session);
  if (!f) snapshotters.set(session, (f = () => session.state));
  return f;
}

const timeFmt = new Map<string, Intl.DateTimeFormat>();
function time(ms: number, timeZone: string): string {
  let f = timeFmt.get(timeZone);
  if (!f) timeFmt.set(timeZone, (f = new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone })));
  return f.format(ms);
}
function dateTime(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}

function refusalText(s: SessionState, intents: readonly IntentType[]): string {
  const r = s.refusal;
  return r && intents.includes(r.intent) ? t.reasons[r.reason] : '';
}
function Refusal({ s, intents }: { s: SessionState; intents: readonly IntentType[] }) {
  const text = refusalText(s, intents);
  return text ? (
    <p className="reason" role="alert">
      {text}
    </p>
  ) : null;
}

interface ActionProps {
  s: SessionState;
  session: Session;
  action: Action;
  label: string;
  intent?: Intent;
  variant?: 'primary' | 'danger' | '';
}
function ActionButton({ s, session, action, label, intent, variant }: ActionProps) {
  const wf = s.workflow;
  if (!offeredIn(wf, action)) return null;
  const busy = s.pending === action;
  const refusal = refusalFor(wf, action);
  const disabled = s.pending !== null || refusal !== null;
  const reason = refusal && refusal.reason !== 'not-allowed' ? t.reasons[refusal.reason] : '';
  const id = `why-${action}`;
  return (
    <>
      <button
        type="button"
        className={variant ?? ''}
        data-action={action}
        aria-disabled={disabled ? 'true' : 'false'}
        aria-busy={busy ? 'true' : 'false'}
        aria-describedby={reason ? id : undefined}
        title={reason || undefined}
        onClick={() => void session.dispatch(intent ?? ({ type: action } as Intent))}
      >
        {label}
      </button>
      {reason ? (
        <span id={id} className="visually-hidden">
          {reason}
        </span>
      ) : null}
    </>
  );
}

function Host({ tag, phase, children }: { tag: string; phase: string; children: ReactNode }) {
  return (
    <div data-el={tag} data-state={phase}>
      {children}
    </div>
  );
}

export function Indicator() {
  countRender('push-preview-indicator');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  const i = wf.interaction;
  const live = i !== null && !['done', 'rejected', 'cancelled', 'transferred'].includes(wf.phase);
  const ringing = wf.phase === 'ringing';
  const voice = i?.media === 'voice';
  const cls = ['indicator', live ? 'campaign' : '', ringing ? 'flash' : '', ''].join(' ');
  return (
    <Host tag="push-preview-indicator" phase={wf.phase}>
      <span className={cls} data-phase={wf.phase}>
        <strong>{t.outboundCampaign}</strong>
        <span className="muted-on">{t.phases[wf.phase]}</span>
        {live ? (
          <span className="media" data-media={i!.media}>
            <svg viewBox="0 0 24 24" aria-hidden="true">
              {voice ? (
                <path
                  d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1 11.4 11.4 0 0 0 .57 3.6 1 1 0 0 1-.25 1z"
                  fill="currentColor"
                />
              ) : (
                <path d="M5 3h10l4 4v14H5z M15 3v4h4 M8 11h8 M8 15h8" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
              )}
            </svg>
            {voice ? t.voiceInteraction : t.openMedia}
          </span>
        ) : (
          ''
        )}
      </span>
    </Host>
  );
}

const MEDIA = [PUSH_PREVIEW_MEDIA, 'email', 'chat'] as const;
const AGENT_INTENTS: readonly IntentType[] = ['login', 'logout', 'ready', 'not-ready'];
export function Agent() {
  countRender('push-preview-agent');
  const session = useSession();
  const s = useSessionState(session);
  const [media, setMedia] = useState<ReadonlySet<string>>(() => new Set([PUSH_PREVIEW_MEDIA]));
  const wf = s.workflow;
  const conn = s.connection;
  const connection =
    conn === 'reconnecting' || conn === 'offline' ? (
      <span className="reason" role="status">
        {conn === 'reconnecting' ? t.reconnecting : t.offline}
      </span>
    ) : null;
  const label = (m: string) => (m === PUSH_PREVIEW_MEDIA ? t.mediaVoicePreview : m === 'email' ? t.mediaEmail : t.mediaChat);
  if (wf.agent.status === 'logged-out') {
    return (
      <Host tag="push-preview-agent" phase={wf.phase}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void session.dispatch({ type: 'login', mediaTypes: [...media] });
          }}
        >
          <fieldset>
            <legend>{t.mediaTypes}</legend>
            {MEDIA.map((m) => (
              <label key={m}>
                <input
                  type="checkbox"
                  name="media"
                  value={m}
                  checked={media.has(m)}
                  onChange={(e) => {
                    const next = new Set(media);
                    if (e.target.checked) next.add(m);
                    else next.delete(m);
                    setMedia(next);
                  }}
                />
                {label(m)}
              </label>
            ))}
            <div className="row">
              <ActionButton s={s} session={session} action="login" label={t.login} variant="primary" intent={{ type: 'login', mediaTypes: [...media] }} />
              {connection}
            </div>
          </fieldset>
        </form>
        <Refusal s={s} intents={AGENT_INTENTS} />
      </Host>
    );
  }
  const ready = wf.agent.status === 'ready';
  return (
    <Host tag="push-preview-agent" phase={wf.phase}>
      <div className="row" role="group" aria-label={t.agentStatus}>
        <span className={`dot ${ready ? 'ready' : ''}`} aria-hidden="true"></span>
        <span className="status">{ready ? t.ready : t.notReady}</span>
        <ActionButton s={s} session={session} action="ready" label={t.ready} variant="primary" />
        <ActionButton s={s} session={session} action="not-ready" label={t.notReady} />
        <ActionButton s={s} session={session} action="logout" label={t.logout} /> {connection}
      </div>
      <Refusal s={s} intents={AGENT_INTENTS} />
    </Host>
  );
}

const FORM_INTENTS: readonly IntentType[] = ['accept', 'reject', 'dismiss'];
export function Form() {
  countRender('push-preview-form');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  const i = wf.interaction;
  if (!i) {
    const hint = wf.phase === 'logged-out' ? t.notLoggedIn : wf.phase === 'not-ready' ? t.notReadyHint : t.waitingForPreview;
    return (
      <Host tag="push-preview-form" phase={wf.phase}>
        <p className="muted">{hint}</p>
      </Host>
    );
  }
  const rec = activeRecord(i.chain)!;
  const now = Math.max(wf.now, i.offeredAt);
  const { name = '', company = '', ...rest } = rec.fields;
  const left = Math.max(0, Math.ceil((i.acceptDeadline - now) / 1000));
  const total = Math.max(1, Math.round((i.acceptDeadline - i.offeredAt) / 1000));
  const policyDial = wf.campaign?.timeoutPolicy === 'dial';
  return (
    <Host tag="push-preview-form" phase={wf.phase}>
      <section aria-label={t.previewForm}>
        <div>
          <h3>{name}</h3>
          {company ? <p className="company muted">{company}</p> : null}
        </div>
        {wf.phase === 'ringing' ? (
          <div className={`countdown ${left <= 10 ? 'low' : ''}`} role="timer" aria-atomic="true">
            <span>{policyDial ? t.countdownDial(left) : t.countdown(left)}</span>
            <progress max={total} value={left} aria-hidden="true"></progress>
          </div>
        ) : null}
        {wf.phase === 'stale' ? (
          <p className="banner" role="alert">
            <strong>{t.phases.stale}.</strong> {t.staleExplained}
          </p>
        ) : null}
        {isEndPhase(wf.phase) && wf.phase !== 'stale' ? (
          <p className="banner" role="status">
            <strong>{t.phases[wf.phase]}</strong>
            {wf.ended?.target ? ` — ${wf.ended.target.name}` : null}
            {wf.ended?.detail ? ` — ${wf.ended.detail}` : null}
          </p>
        ) : null}
        <dl>
          <dt>{t.campaign}</dt>
          <dd>{wf.campaign?.name ?? ''}</dd>
          <dt>{t.phone}</dt>
          <dd>
            {rec.phone} ({t.phoneTypes[rec.phoneType]})
          </dd>
          <dt>{t.localTime}</dt>
          <dd>
            {time(now, rec.timeZone)} <span className="muted">({rec.timeZone})</span>
          </dd>
          <dt>{t.callingWindow}</dt>
          <dd>
            {formatMinuteOfDay(rec.callFrom)}–{formatMinuteOfDay(rec.callTill)}
          </dd>
          <dt>{t.attempts}</dt>
          <dd>{rec.attempts}</dd>
          {Object.entries(rest).map(([k, v]) => (
            <Fragment key={k}>
              <dt>{t.field(k)}</dt>
              <dd>{v}</dd>
            </Fragment>
          ))}
          {i.rescheduledAt ? (
            <>
              <dt>{t.reschedule}</dt>
              <dd>{t.rescheduledFor(dateTime(i.rescheduledAt.at, rec.timeZone))}</dd>
            </>
          ) : null}
        </dl>
        <div className="row actions">
          <ActionButton s={s} session={session} action="accept" label={t.accept} variant="primary" />
          <ActionButton s={s} session={session} action="reject" label={t.reject} variant="danger" />
          <ActionButton s={s} session={session} action="dismiss" label={t.dismiss} />
        </div>
        <Refusal s={s} intents={FORM_INTENTS} />
      </section>
    </Host>
  );
}

const CALL_INTENTS: readonly IntentType[] = [
  'connect',
  'cancel',
  'transfer',
  'conference',
  'hold',
  'retrieve',
  'start-recording',
  'stop-recording',
  'disconnect',
];
function Picker({ kind, targets, value, onPick }: { kind: 'transfer' | 'conference'; targets: readonly Target[]; value: string; onPick: (v: string) => void }) {
  return (
    <label>
      {kind === 'transfer' ? t.transferTo : t.conferenceWith}{' '}
      <select data-target={kind} value={value} onChange={(e) => onPick(e.target.value)}>
        {targets.map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}
export function CallControls() {
  countRender('call-controls');
  const session = useSession();
  const s = useSessionState(session);
  const [transferTarget, setTransfer] = useState('');
  const [conferenceTarget, setConference] = useState('');
  const wf = s.workflow;
  const c = wf.campaign;
  const call = wf.call;
  const transfers = c?.transferTargets ?? [];
  const confs = c?.conferenceTargets ?? [];
  const transferTo = transferTarget || transfers[0]?.id || '';
  const confWith = conferenceTarget || confs[0]?.id || '';
  const i = wf.interaction;
  const rec = i ? activeRecord(i.chain) : undefined;
  const dialNumber = s.drafts.dialNumber ?? rec?.phone ?? '';
  const a = (action: Action, label: string, variant?: 'primary' | 'danger', intent?: Intent) => (
    <ActionButton s={s} session={session} action={action} label={label} variant={variant} intent={intent} />
  );
  return (
    <Host tag="call-controls" phase={wf.phase}>
      <div className="group" role="group" aria-label={t.connect + ' / ' + t.disconnect}>
        {call ? (
          <div className="status" role="status">
            <span className="dial">{call.number}</span>
            {call.held ? <span>{t.onHold}</span> : null}
            {call.recording ? <span className="recording">● {t.recording}</span> : null}
            {call.parties > 2 ? <span>{t.parties(call.parties)}</span> : null}
          </div>
        ) : null}
        {offeredIn(wf, 'connect') && rec ? (
          <div className="muted">
            {t.numberToDial}: <span className="dial">{dialNumber}</span>
          </div>
        ) : null}
        <div className="row">
          {a('connect', t.connect, 'primary')}
          {call?.held ? a('retrieve', t.retrieve) : a('hold', t.hold)}
          {a(call?.recording ? 'stop-recording' : 'start-recording', call?.recording ? t.stopRecording : t.record)}
          {a('disconnect', t.disconnect, 'danger')}
          {a('cancel', t.cancel)}
        </div>
        {offeredIn(wf, 'transfer') && transfers.length ? (
          <div className="row">
            <Picker kind="transfer" targets={transfers} value={transferTo} onPick={setTransfer} />
            {a('transfer', t.transfer, undefined, { type: 'transfer', targetId: transferTo })}
          </div>
        ) : null}
        {offeredIn(wf, 'conference') && confs.length ? (
          <div className="row">
            <Picker kind="conference" targets={confs} value={confWith} onPick={setConference} />
            {a('conference', t.conference, undefined, { type: 'conference', targetId: confWith })}
          </div>
        ) : null}
        <Refusal s={s} intents={CALL_INTENTS} />
      </div>
    </Host>
  );
}

const LONG = new Set(['notes']);
export function RecordEditor() {
  countRender('record-editor');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  const i = wf.interaction;
  if (!i)
    return (
      <Host tag="record-editor" phase={wf.phase}>
        {null}
      </Host>
    );
  const rec = activeRecord(i.chain)!;
  const typed = s.drafts.fields[rec.handle] ?? {};
  const names = [...new Set([...Object.keys(rec.fields), ...Object.keys(typed)])];
  const editable = offeredIn(wf, 'update-record');
  const dirty = Object.keys(typed).length > 0;
  return (
    <Host tag="record-editor" phase={wf.phase}>
      <form
        aria-label={t.edit}
        onSubmit={(e) => {
          e.preventDefault();
          void session.dispatch({ type: 'update-record', handle: rec.handle, fields: typed });
        }}
      >
        {names.map((name) => {
          const value = typed[name] ?? rec.fields[name] ?? '';
          const id = `f-${name}`;
          const onInput = (e: { target: { value: string } }) => session.edit({ kind: 'field', handle: rec.handle, name, value: e.target.value });
          return (
            <div className="field" key={name}>
              <label htmlFor={id}>
                {t.field(name)} {name in typed ? <span className="unsaved">({t.unsaved})</span> : null}
              </label>
              {LONG.has(name) ? (
                <textarea id={id} name={name} value={value} readOnly={!editable} onChange={onInput}></textarea>
              ) : (
                <input id={id} name={name} value={value} readOnly={!editable} autoComplete="off" onChange={onInput} />
              )}
            </div>
          );
        })}
        <div className="row">
          {editable ? (
            <>
              <ActionButton
                s={s}
                session={session}
                action="update-record"
                label={t.updateRecord}
                variant="primary"
                intent={{ type: 'update-record', handle: rec.handle, fields: typed }}
              />
              {dirty ? (
                <button type="button" data-action="discard" onClick={() => session.edit({ kind: 'discard', handle: rec.handle })}>
                  {t.discardChanges}
                </button>
              ) : null}
            </>
          ) : null}
        </div>
        <Refusal s={s} intents={['update-record']} />
      </form>
    </Host>
  );
}

export function ChainedRecords() {
  countRender('chained-records');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  const i = wf.interaction;
  if (!i)
    return (
      <Host tag="chained-records" phase={wf.phase}>
        {null}
      </Host>
    );
  const drafts = s.drafts;
  const active = activeRecord(i.chain)!;
  const dial = drafts.dialNumber ?? active.phone;
  const dialOk = checkPhone(dial, active.country).ok;
  const nc = drafts.newChained;
  const ncOk = !nc || nc.phone.trim() === '' || checkPhone(nc.phone, active.country).ok;
  return (
    <Host tag="chained-records" phase={wf.phase}>
      {i.chain.records.length < 2 ? <p className="muted">{t.noChain}</p> : null}
      <ul aria-label={t.chainedRecords}>
        {i.chain.records.map((r) => {
          const isActive = r.handle === i.chain.activeHandle;
          return (
            <li key={r.handle} className={isActive ? 'active' : ''} aria-current={isActive ? 'true' : 'false'}>
              <span className="phone">{r.phone}</span>
              <span>{t.phoneTypes[r.phoneType]}</span>
              {r.callResult !== null ? (
                <span className="muted">
                  {t.callResult}: {t.callResults[r.callResult]}
                </span>
              ) : null}
              <span className="muted">
                {t.attempts}: {r.attempts}
              </span>
              {isActive ? (
                <span className="badge">{t.active}</span>
              ) : (
                <ActionButton
                  s={s}
                  session={session}
                  action="set-active-record"
                  label={`${t.setActiveRecord}: ${r.phone}`}
                  intent={{ type: 'set-active-record', handle: r.handle }}
                />
              )}
            </li>
          );
        })}
      </ul>
      {offeredIn(wf, 'connect') ? (
        <div className="field">
          <label htmlFor="dial">{t.numberToDial}</label>
          <input
            id="dial"
            inputMode="tel"
            autoComplete="off"
            value={dial}
            aria-invalid={dialOk ? 'false' : 'true'}
            aria-describedby={dialOk ? undefined : 'dial-why'}
            onChange={(e) => session.edit({ kind: 'dial-number', value: e.target.value === active.phone ? null : e.target.value })}
          />
          {dialOk ? null : (
            <span id="dial-why" className="reason">
              {t.reasons['invalid-number']}
            </span>
          )}
        </div>
      ) : null}
      {offeredIn(wf, 'add-chained-record') ? (
        <fieldset>
          <legend>{t.newChainedRecord}</legend>
          <div className="row">
            <label htmlFor="nc-phone">{t.phone}</label>
            <input
              id="nc-phone"
              inputMode="tel"
              autoComplete="off"
              value={nc?.phone ?? ''}
              aria-invalid={ncOk ? 'false' : 'true'}
              onChange={(e) => session.edit({ kind: 'new-chained', value: { phone: e.target.value, phoneType: nc?.phoneType ?? 'mobile' } })}
            />
            <label htmlFor="nc-type">{t.phoneType}</label>
            <select
              id="nc-type"
              value={nc?.phoneType ?? 'mobile'}
              onChange={(e) => session.edit({ kind: 'new-chained', value: { phone: nc?.phone ?? '', phoneType: e.target.value as PhoneType } })}
            >
              {PHONE_TYPES.map((p) => (
                <option key={p} value={p}>
                  {t.phoneTypes[p]}
                </option>
              ))}
            </select>
            <ActionButton
              s={s}
              session={session}
              action="add-chained-record"
              label={t.addNumber}
              intent={{ type: 'add-chained-record', phone: nc?.phone ?? '', phoneType: nc?.phoneType ?? 'mobile' }}
            />
          </div>
          {ncOk ? null : <span className="reason">{t.reasons['invalid-number']}</span>}
          {nc && nc.phone.trim() !== '' ? <span className="muted">{t.unsaved}</span> : null}
        </fieldset>
      ) : null}
      <Refusal s={s} intents={['set-active-record', 'add-chained-record', 'connect']} />
    </Host>
  );
}

export function ReschedulePicker() {
  countRender('reschedule-picker');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  const i = wf.interaction;
  if (!i)
    return (
      <Host tag="reschedule-picker" phase={wf.phase}>
        {null}
      </Host>
    );
  const rec = activeRecord(i.chain)!;
  const now = Math.max(wf.now, i.offeredAt);
  const tomorrow = epochToZoned(now + 86_400_000, rec.timeZone).date;
  const draft: RescheduleDraft = s.drafts.reschedule ?? { date: tomorrow, time: formatMinuteOfDay(rec.callFrom + 60), callbackType: 'personal' };
  const edit = (patch: Partial<RescheduleDraft>) => session.edit({ kind: 'reschedule', value: { ...draft, ...patch } });
  const at = zonedToEpoch(draft.date, draft.time, rec.timeZone);
  const outside = Number.isFinite(at) && !inCallingWindow(at, rec);
  const disabled = !offeredIn(wf, 'reschedule');
  return (
    <Host tag="reschedule-picker" phase={wf.phase}>
      <form aria-label={t.reschedule} onSubmit={(e) => e.preventDefault()}>
        <p className="muted">
          {t.inContactTime(rec.timeZone)} · {t.localTime}: {time(now, rec.timeZone)} · {t.callingWindow}: {formatMinuteOfDay(rec.callFrom)}–
          {formatMinuteOfDay(rec.callTill)}
        </p>
        {i.rescheduledAt ? <p role="status">{t.rescheduledFor(dateTime(i.rescheduledAt.at, rec.timeZone))}</p> : null}
        <div className="row">
          <label>
            {t.date} <input type="date" name="date" value={draft.date} disabled={disabled} onChange={(e) => edit({ date: e.target.value })} />
          </label>
          <label>
            {t.time} <input type="time" name="time" step="300" value={draft.time} disabled={disabled} onChange={(e) => edit({ time: e.target.value })} />
          </label>
        </div>
        <fieldset>
          <legend>{t.callbackType}</legend>
          {(['personal', 'campaign'] as CallbackType[]).map((type) => (
            <label key={type}>
              <input
                type="radio"
                name="cb"
                value={type}
                checked={draft.callbackType === type}
                disabled={disabled}
                onChange={() => edit({ callbackType: type })}
              />
              {type === 'personal' ? t.personalCallback : t.campaignCallback}
            </label>
          ))}
        </fieldset>
        {outside ? <span className="reason">{t.reasons['outside-calling-window']}</span> : null}
        <div className="row">
          <ActionButton
            s={s}
            session={session}
            action="reschedule"
            label={t.reschedule}
            variant="primary"
            intent={{ type: 'reschedule', at, callbackType: draft.callbackType }}
          />
        </div>
        <Refusal s={s} intents={['reschedule']} />
      </form>
    </Host>
  );
}

export function WrapupCodes() {
  countRender('wrapup-codes');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  if (!wf.campaign || !(offeredIn(wf, 'mark-done') || offeredIn(wf, 'set-call-result')))
    return (
      <Host tag="wrapup-codes" phase={wf.phase}>
        {null}
      </Host>
    );
  const c = wf.campaign;
  const w = wf.wrapup;
  const can = (a: Action) => s.allowed.has(a);
  return (
    <Host tag="wrapup-codes" phase={wf.phase}>
      <form onSubmit={(e) => e.preventDefault()}>
        {offeredIn(wf, 'set-call-result') ? (
          <div className="field">
            <label htmlFor="result">{t.callResult}</label>
            <select
              id="result"
              aria-disabled={can('set-call-result') ? 'false' : 'true'}
              value={w.callResult === null ? '' : String(w.callResult)}
              onChange={(e) => {
                const n = Number(e.target.value);
                void session.dispatch({ type: 'set-call-result', callResult: e.target.value === '' ? null : isCallResult(n) ? n : null });
              }}
            >
              <option value="">{t.chooseCallResult}</option>
              {c.callResults.map((r) => (
                <option key={r} value={String(r)}>
                  {t.callResults[r] ?? String(r)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {offeredIn(wf, 'mark-do-not-call') ? (
          <label>
            <input
              type="checkbox"
              name="dnc"
              checked={w.doNotCall}
              onChange={(e) => void session.dispatch({ type: 'mark-do-not-call', value: e.target.checked })}
            />
            {t.markDoNotCall}
          </label>
        ) : null}
        {offeredIn(wf, 'set-disposition') && c.dispositionCodes.length ? (
          <fieldset role="radiogroup" aria-required={c.dispositionRequired ? 'true' : 'false'}>
            <legend>
              {t.dispositionCode} {c.dispositionRequired ? <span className="req">({t.required})</span> : null}
            </legend>
            {c.dispositionRequired ? null : (
              <label>
                <input
                  type="radio"
                  name="code"
                  value=""
                  checked={w.dispositionCode === null}
                  onChange={() => void session.dispatch({ type: 'set-disposition', code: null })}
                />
                {t.noDisposition}
              </label>
            )}
            {c.dispositionCodes.map((d) => (
              <label key={d.code}>
                <input
                  type="radio"
                  name="code"
                  value={d.code}
                  checked={w.dispositionCode === d.code}
                  onChange={() => void session.dispatch({ type: 'set-disposition', code: d.code })}
                />
                {d.name}
              </label>
            ))}
          </fieldset>
        ) : null}
        <div className="row">
          <ActionButton s={s} session={session} action="mark-done" label={t.markDone} variant="primary" />
        </div>
        <Refusal s={s} intents={['set-call-result', 'mark-do-not-call', 'set-disposition', 'mark-done']} />
      </form>
    </Host>
  );
}

type Tab = 'edit' | 'chain' | 'reschedule' | 'disposition';
const TABS: readonly Tab[] = ['edit', 'chain', 'reschedule', 'disposition'];
const tabLabel = (tab: Tab) => (tab === 'edit' ? t.edit : tab === 'chain' ? t.chainedRecords : tab === 'reschedule' ? t.reschedule : t.dispositionCode);

/** The twin of <push-preview-panel> inside a provider: the same parts, the same tabs. */
export function Panel({ session }: { session: Session }) {
  return (
    <SessionCtx.Provider value={session}>
      <PanelBody />
    </SessionCtx.Provider>
  );
}

function PanelBody() {
  countRender('push-preview-panel');
  const session = useSession();
  const s = useSessionState(session);
  const wf = s.workflow;
  const [tab, setTab] = useState<Tab>('edit');
  const [shownPhase, setShownPhase] = useState(wf.phase);
  if (shownPhase !== wf.phase) {
    // As the Lit panel's willUpdate: entering after-call selects the Disposition tab.
    setShownPhase(wf.phase);
    if (wf.phase === 'after-call') setTab('disposition');
  }
  const showTabs = wf.interaction && wf.phase !== 'ringing';
  const onKey = (e: { key: string; preventDefault(): void }) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]!);
  };
  return (
    <div data-el="push-preview-panel" data-state={wf.phase}>
      <div className="panel">
        <header>
          <Indicator />
          <Agent />
        </header>
        <Form />
        <CallControls />
        {showTabs ? (
          <>
            <div role="tablist" aria-label={t.previewForm} onKeyDown={onKey}>
              {TABS.map((x) => (
                <button
                  key={x}
                  type="button"
                  role="tab"
                  id={`tab-${x}`}
                  aria-selected={x === tab ? 'true' : 'false'}
                  aria-controls={`panel-${x}`}
                  tabIndex={x === tab ? 0 : -1}
                  onClick={() => setTab(x)}
                >
                  {tabLabel(x)}
                </button>
              ))}
            </div>
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              {tab === 'edit' ? <RecordEditor /> : tab === 'chain' ? <ChainedRecords /> : tab === 'reschedule' ? <ReschedulePicker /> : <WrapupCodes />}
            </div>
          </>
        ) : null}
        <div className="visually-hidden" role="status" aria-live="polite"></div>
        <div className="visually-hidden" role="alert" aria-live="assertive"></div>
      </div>
    </div>
  );
}

/** Each element on its own (the memory and burst runs mount them one by one). */
export const PARTS: Record<string, () => ReactNode> = {
  'push-preview-indicator': Indicator,
  'push-preview-agent': Agent,
  'push-preview-form': Form,
  'call-controls': CallControls,
  'record-editor': RecordEditor,
  'chained-records': ChainedRecords,
  'reschedule-picker': ReschedulePicker,
  'wrapup-codes': WrapupCodes,
  'push-preview-panel': PanelBody,
};
