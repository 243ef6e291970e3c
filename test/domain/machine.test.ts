import { expect } from '@open-wc/testing';
import {
  ACTIONS,
  CallResult,
  PHASES,
  PUSH_PREVIEW_MEDIA,
  allowedActions,
  checkIntent,
  initialState,
  refusalFor,
  transition,
  type Action,
  type Intent,
  type Phase,
  type WorkflowEvent,
  type WorkflowState,
} from '../../src/domain/index.js';
import { loadPhoneMetadata } from '../../src/domain/phone.js';
import { AGENT, interactionFor, pathTo, reach } from '../fixtures/states.js';
import { T0 } from '../fixtures/virtual-time.js';
import { DEFAULT_CAMPAIGN } from '../../src/connectors/simulated/seed-data.js';

const ctx = { now: T0, unsaved: false };
const id = (s: WorkflowState) => s.interaction!.id;
const allows = (s: WorkflowState, a: Action) => allowedActions(s).has(a);

interface Row {
  readonly w: string;
  readonly rule: string;
  readonly check: () => void;
}

const rows: Row[] = [
  {
    w: 'W-1',
    rule: 'login needs the push preview media type; no preview is pushed without it',
    check: () => {
      const s = initialState(AGENT);
      expect([...allowedActions(s)]).to.deep.equal(['login']);
      expect(checkIntent(s, { type: 'login', mediaTypes: ['email'] }, ctx)).to.deep.equal({ reason: 'media-type-required' });
      expect(checkIntent(s, { type: 'login', mediaTypes: [PUSH_PREVIEW_MEDIA] }, ctx)).to.equal(null);
      const noMedia = transition(
        transition(s, { type: 'agent', agent: { id: AGENT, name: '', status: 'not-ready', mediaTypes: ['email'] }, campaign: DEFAULT_CAMPAIGN }),
        {
          type: 'agent',
          agent: { id: AGENT, name: '', status: 'ready', mediaTypes: ['email'] },
        },
      );
      expect(transition(noMedia, { type: 'offered', interaction: interactionFor(0), campaign: DEFAULT_CAMPAIGN })).to.equal(noMedia);
    },
  },
  {
    w: 'W-2',
    rule: 'a preview is pushed only to a Ready agent',
    check: () => {
      const notReady = reach('not-ready');
      const offer: WorkflowEvent = { type: 'offered', interaction: interactionFor(0), campaign: DEFAULT_CAMPAIGN };
      expect(transition(notReady, offer)).to.equal(notReady);
      expect(allows(notReady, 'ready')).to.equal(true);
      expect(transition(reach('ready'), offer).phase).to.equal('ringing');
    },
  },
  {
    w: 'W-3',
    rule: 'a pushed interaction rings as open media with its preview data',
    check: () => {
      const s = reach('ringing');
      expect(s.interaction!.media).to.equal('open-media');
      expect(s.interaction!.owner).to.equal(null);
      expect(s.interaction!.chain.records.length).to.be.greaterThan(0);
      expect([...allowedActions(s)].sort()).to.deep.equal(['accept', 'not-ready', 'reject']);
    },
  },
  {
    w: 'W-4',
    rule: 'Accept takes ownership and stops the ringing',
    check: () => {
      const s = transition(reach('ringing'), { type: 'accepted', interactionId: 'ixn-1', owner: AGENT, at: T0 + 1 });
      expect(s.phase).to.equal('previewing');
      expect(s.interaction!.owner).to.equal(AGENT);
    },
  },
  {
    w: 'W-5',
    rule: 'Reject ends the preview for this agent',
    check: () => {
      const s = transition(reach('ringing'), { type: 'rejected', interactionId: 'ixn-1', auto: false });
      expect(s.phase).to.equal('rejected');
      expect(s.ended).to.deep.equal({ auto: false });
    },
  },
  {
    w: 'W-6',
    rule: 'an auto-reject is a reject marked auto, only while ringing',
    check: () => {
      const s = transition(reach('ringing'), { type: 'rejected', interactionId: 'ixn-1', auto: true });
      expect(s.ended).to.deep.equal({ auto: true });
      const owned = reach('previewing');
      expect(transition(owned, { type: 'rejected', interactionId: 'ixn-1', auto: true })).to.equal(owned);
      expect(reach('ringing').interaction!.acceptDeadline).to.equal(T0 + DEFAULT_CAMPAIGN.acceptTimeoutSec * 1000);
    },
  },
  {
    w: 'W-7',
    rule: 'Connect dials the active record from the owned preview',
    check: () => {
      const s = reach('previewing');
      expect(allows(s, 'connect')).to.equal(true);
      expect(allows(reach('ringing'), 'connect')).to.equal(false);
    },
  },
  {
    w: 'W-8',
    rule: 'another number of the chain can be picked before Connect',
    check: () => {
      const s = reach('previewing');
      expect(allows(s, 'set-active-record')).to.equal(true);
      const other = s.interaction!.chain.records[1]!.handle;
      const next = transition(s, { type: 'chain', interactionId: id(s), chain: { ...s.interaction!.chain, activeHandle: other } });
      expect(next.interaction!.chain.activeHandle).to.equal(other);
      const single = reach('previewing', { chainIndex: 3 });
      expect(refusalFor(single, 'set-active-record')).to.deep.equal({ reason: 'not-allowed' });
    },
  },
  {
    w: 'W-9',
    rule: 'an edited number is checked before dialing (area code added)',
    check: () => {
      const s = reach('previewing', { chainIndex: 2 });
      expect(checkIntent(s, { type: 'connect', number: '1234-5678' }, ctx)).to.deep.equal({ reason: 'invalid-number', detail: '1234-5678' });
      expect(checkIntent(s, { type: 'connect', number: '03-1234-5678' }, ctx)).to.equal(null);
      // Connect without a number of its own dials the agent's edited one: that is checked too.
      expect(checkIntent(s, { type: 'connect' }, { ...ctx, dialNumber: '1234-5678' })).to.deep.equal({ reason: 'invalid-number', detail: '1234-5678' });
      expect(checkIntent(s, { type: 'connect' }, { ...ctx, dialNumber: '03-1234-5678' })).to.equal(null);
    },
  },
  {
    w: 'W-10',
    rule: 'Cancel returns the owned preview',
    check: () => {
      const s = transition(reach('previewing'), { type: 'cancelled', interactionId: 'ixn-1' });
      expect(s.phase).to.equal('cancelled');
      expect(s.interaction!.owner).to.equal(null);
      expect(allows(reach('connected'), 'cancel')).to.equal(false);
    },
  },
  {
    w: 'W-11',
    rule: 'Transfer from the owned preview',
    check: () => {
      const s = reach('previewing');
      expect(allows(s, 'transfer')).to.equal(true);
      expect(checkIntent(s, { type: 'transfer', targetId: 'nobody' }, ctx)).to.deep.equal({ reason: 'unknown-target' });
      expect(transition(s, { type: 'transferred', interactionId: 'ixn-1', target: DEFAULT_CAMPAIGN.transferTargets[0]! }).phase).to.equal('transferred');
    },
  },
  {
    w: 'W-12',
    rule: 'Edit changes record fields, which are checked',
    check: () => {
      const s = reach('previewing');
      const handle = s.interaction!.chain.activeHandle;
      expect(checkIntent(s, { type: 'update-record', handle, fields: { notes: 'ok' } }, ctx)).to.equal(null);
      expect(checkIntent(s, { type: 'update-record', handle, fields: { 'bad name': 'x' } }, ctx)!.reason).to.equal('invalid-field');
      expect(checkIntent(s, { type: 'update-record', handle: 42, fields: {} }, ctx)!.reason).to.equal('unknown-record');
    },
  },
  {
    w: 'W-13',
    rule: 'New Chained Record needs a valid number',
    check: () => {
      const s = reach('previewing');
      expect(checkIntent(s, { type: 'add-chained-record', phone: '080-1111-2222', phoneType: 'mobile' }, ctx)).to.equal(null);
      expect(checkIntent(s, { type: 'add-chained-record', phone: '12', phoneType: 'mobile' }, ctx)!.reason).to.equal('invalid-number');
    },
  },
  {
    w: 'W-14',
    rule: 'Reschedule must be in the future and inside the calling window, in the contact’s zone',
    check: () => {
      const s = reach('previewing'); // Tokyo, 09:00–21:00
      const tomorrow10 = Date.UTC(2026, 10, 26, 1, 0); // 10:00 JST
      const tomorrow23 = Date.UTC(2026, 10, 26, 14, 0); // 23:00 JST
      expect(checkIntent(s, { type: 'reschedule', at: tomorrow10, callbackType: 'personal' }, ctx)).to.equal(null);
      expect(checkIntent(s, { type: 'reschedule', at: tomorrow23, callbackType: 'campaign' }, ctx)!.reason).to.equal('outside-calling-window');
      expect(checkIntent(s, { type: 'reschedule', at: T0 - 1, callbackType: 'personal' }, ctx)!.reason).to.equal('invalid-time');
    },
  },
  {
    w: 'W-15',
    rule: 'Update Record saves: a chain update from the server replaces the record',
    check: () => {
      const s = reach('previewing');
      const chain = s.interaction!.chain;
      const updated = { ...chain, records: chain.records.map((r) => ({ ...r, fields: { ...r.fields, notes: 'saved' } })) };
      expect(transition(s, { type: 'chain', interactionId: 'ixn-1', chain: updated }).interaction!.chain.records[0]!.fields.notes).to.equal('saved');
    },
  },
  {
    w: 'W-16',
    rule: 'Connect turns open media into voice',
    check: () => {
      expect(reach('dialing').interaction!.media).to.equal('voice');
      expect(reach('connected').interaction!.media).to.equal('voice');
    },
  },
  {
    w: 'W-17',
    rule: 'a conference has at most 3 parties',
    check: () => {
      expect(allows(reach('connected'), 'conference')).to.equal(true);
      const full = reach('connected', { parties: 3 });
      expect(refusalFor(full, 'conference')).to.deep.equal({ reason: 'conference-full' });
      const s = reach('connected', { parties: 3 });
      expect(transition(s, { type: 'call', interactionId: 'ixn-1', call: { ...s.call!, parties: 4 } })).to.equal(s);
    },
  },
  {
    w: 'W-18',
    rule: 'Transfer while connected',
    check: () => expect(allows(reach('connected'), 'transfer')).to.equal(true),
  },
  {
    w: 'W-19',
    rule: 'Hold becomes Retrieve, and back',
    check: () => {
      expect(allows(reach('connected'), 'hold')).to.equal(true);
      expect(allows(reach('connected'), 'retrieve')).to.equal(false);
      const held = reach('connected', { held: true });
      expect(allows(held, 'retrieve')).to.equal(true);
      expect(allows(held, 'hold')).to.equal(false);
    },
  },
  {
    w: 'W-20',
    rule: 'Record only on SIP',
    check: () => {
      expect(allows(reach('connected'), 'start-recording')).to.equal(true);
      const tdm = reach('connected', { campaign: { telephony: 'tdm' } });
      expect(refusalFor(tdm, 'start-recording')).to.deep.equal({ reason: 'recording-unavailable' });
      expect(allows(reach('connected', { recording: true }), 'stop-recording')).to.equal(true);
    },
  },
  {
    w: 'W-21',
    rule: 'Edit, New Chained Record, Reschedule, Update Record stay while connected',
    check: () => {
      const s = reach('connected');
      for (const a of ['update-record', 'add-chained-record', 'reschedule'] as const) expect(allows(s, a), a).to.equal(true);
    },
  },
  {
    w: 'W-22',
    rule: 'Disconnect turns voice back into open media',
    check: () => {
      const s = reach('after-call');
      expect(s.interaction!.media).to.equal('open-media');
      expect(s.call).to.equal(null);
      expect(allows(reach('connected'), 'disconnect')).to.equal(true);
    },
  },
  {
    w: 'W-23',
    rule: 'Transfer stays in wrap-up',
    check: () => expect(allows(reach('after-call'), 'transfer')).to.equal(true),
  },
  {
    w: 'W-24',
    rule: 'Call Result is picked from the campaign’s list in wrap-up',
    check: () => {
      const s = reach('after-call');
      expect(transition(s, { type: 'wrapup', patch: { callResult: CallResult.Busy } }).wrapup.callResult).to.equal(CallResult.Busy);
      expect(transition(s, { type: 'wrapup', patch: { callResult: CallResult.Stale } })).to.equal(s);
      expect(allows(reach('connected'), 'set-call-result')).to.equal(false);
    },
  },
  {
    w: 'W-25',
    rule: 'Mark Do Not Call is a wrap-up choice',
    check: () => {
      const s = reach('after-call');
      expect(allows(s, 'mark-do-not-call')).to.equal(true);
      expect(transition(s, { type: 'wrapup', patch: { doNotCall: true } }).wrapup.doNotCall).to.equal(true);
    },
  },
  {
    w: 'W-26',
    rule: 'Set Active Record in wrap-up, then dial that one',
    check: () => {
      const s = reach('after-call');
      expect(allows(s, 'set-active-record')).to.equal(true);
      expect(allows(s, 'connect')).to.equal(true);
      const call = { number: '+81312345678', handle: 1002, startedAt: T0, connectedAt: null, held: false, recording: false, parties: 2 };
      expect(transition(s, { type: 'dialing', interactionId: 'ixn-1', call }).phase).to.equal('dialing');
    },
  },
  {
    w: 'W-27',
    rule: 'New Chained Record and Reschedule stay in wrap-up',
    check: () => {
      const s = reach('after-call');
      expect(allows(s, 'add-chained-record')).to.equal(true);
      expect(allows(s, 'reschedule')).to.equal(true);
    },
  },
  {
    w: 'W-28',
    rule: 'Mark Done with no disposition codes configured',
    check: () => {
      const s = reach('after-call', { campaign: { dispositionCodes: [], dispositionRequired: false } });
      expect(checkIntent(s, { type: 'mark-done' }, ctx)).to.equal(null);
      expect(allows(s, 'set-disposition')).to.equal(false);
      expect(transition(s, { type: 'done', interactionId: 'ixn-1' }).phase).to.equal('done');
    },
  },
  {
    w: 'W-29',
    rule: 'Mark Done is refused until a required code is picked',
    check: () => {
      const s = reach('after-call');
      expect(checkIntent(s, { type: 'mark-done' }, ctx)).to.deep.equal({ reason: 'disposition-required' });
      const picked = transition(s, { type: 'wrapup', patch: { dispositionCode: 'RENEWED' } });
      expect(checkIntent(picked, { type: 'mark-done' }, ctx)).to.equal(null);
      expect(transition(s, { type: 'wrapup', patch: { dispositionCode: 'NOPE' } })).to.equal(s);
    },
  },
  {
    w: 'W-30',
    rule: 'a stale record refuses every action but closing it',
    check: () => {
      const s = reach('stale');
      expect([...allowedActions(s)].filter((a) => a !== 'not-ready')).to.deep.equal(['dismiss']);
      expect(refusalFor(s, 'connect')).to.deep.equal({ reason: 'stale' });
      expect(transition(s, { type: 'offered', interaction: interactionFor(1), campaign: DEFAULT_CAMPAIGN })).to.equal(s);
      // typed data is not the machine's: the interaction and its chain stay for display
      expect(s.interaction).to.not.equal(null);
      expect(transition(s, { type: 'closed', interactionId: 'ixn-1' }).phase).to.equal('ready');
    },
  },
];

before(() => loadPhoneMetadata());

describe('workflow machine, by requirement', () => {
  for (const row of rows) it(`${row.w}: ${row.rule}`, row.check);

  it('covers every W-id of the spec', () => {
    const ids = new Set(rows.map((r) => r.w));
    for (let n = 1; n <= 30; n++) expect(ids.has(`W-${n}`), `W-${n}`).to.equal(true);
  });
});

describe('workflow machine, in general', () => {
  it('reaches every phase from the fixtures', () => {
    for (const p of PHASES) expect(reach(p).phase).to.equal(p);
  });

  it('a refused action changes nothing and yields a reason code', () => {
    for (const p of PHASES) {
      const s = reach(p);
      for (const a of ACTIONS) {
        const r = refusalFor(s, a);
        if (r) {
          expect(r.reason, `${p}/${a}`).to.be.a('string');
          expect(checkIntent(s, { type: a } as Intent, ctx), `${p}/${a}`).to.not.equal(null);
        }
      }
    }
  });

  it('ignores events for another interaction and duplicates, returning the same state', () => {
    const s = reach('previewing');
    expect(transition(s, { type: 'accepted', interactionId: 'ixn-1', owner: AGENT, at: T0 })).to.equal(s);
    expect(transition(s, { type: 'cancelled', interactionId: 'other' })).to.equal(s);
    expect(transition(s, { type: 'tick', at: s.now })).to.equal(s);
  });

  it('server capabilities: a gated action the server does not offer now is refused as not-offered', () => {
    const s = reach('connected');
    const told = transition(s, { type: 'capabilities', interactionId: 'ixn-1', actions: ['disconnect', 'start-recording', 'stop-recording'] });
    expect(refusalFor(told, 'hold')).to.deep.equal({ reason: 'not-offered' });
    expect(refusalFor(told, 'conference')).to.deep.equal({ reason: 'not-offered' });
    expect(refusalFor(told, 'disconnect')).to.equal(null);
    expect(refusalFor(told, 'update-record')).to.equal(null); // not the server's capability to give
    expect(transition(told, { type: 'capabilities', interactionId: 'ixn-1', actions: ['disconnect', 'start-recording', 'stop-recording'] })).to.equal(told);
    expect(refusalFor(transition(told, { type: 'capabilities', interactionId: 'ixn-1', actions: null }), 'hold')).to.equal(null);
    expect(transition(told, { type: 'capabilities', interactionId: 'other', actions: [] })).to.equal(told);
    // a new preview starts with no restriction
    const next = transition(
      transition(transition(told, { type: 'call-ended', interactionId: 'ixn-1', callResult: null }), { type: 'done', interactionId: 'ixn-1' }),
      {
        type: 'offered',
        interaction: interactionFor(1),
        campaign: DEFAULT_CAMPAIGN,
      },
    );
    expect(next.serverActions).to.equal(null);
  });

  it('a snapshot replaces server data; an inconsistent one is ignored', () => {
    const s = reach('previewing');
    const good = { agent: s.agent, campaign: s.campaign, interaction: s.interaction, phase: 'previewing' as Phase, call: null };
    expect(transition(reach('ready'), { type: 'snapshot', snapshot: good }).phase).to.equal('previewing');
    expect(transition(s, { type: 'snapshot', snapshot: { ...good, phase: 'connected' } })).to.equal(s);
    const gone = { ...good, interaction: null, phase: 'ready' as Phase };
    expect(transition(s, { type: 'snapshot', snapshot: gone }).phase).to.equal('failed');
  });

  it('each fixture path is a valid route: every step changes the state', () => {
    for (const p of PHASES) {
      let s = initialState(AGENT, 'Aiko');
      for (const e of pathTo(p)) {
        const next = transition(s, e);
        expect(next, `${p}: ${e.type}`).to.not.equal(s);
        s = next;
      }
    }
  });
});
