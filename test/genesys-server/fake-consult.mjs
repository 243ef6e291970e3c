// The strict fake's consult (two-step) transfer and conference (issue 16; spec §10.2, flow step 20).
// What the facts page observed is done as observed [SIM]: initiate-transfer holds the parent and
// places a call with callType "Consult", state Dialing, parentConnId and the consult capabilities.
// What the simulator lacks ([NOT-SIM]: it never answers a consult, answers 500 to complete-transfer
// and complete-conference on an outbound call, 501 to initiate-conference) is done as a real server
// is expected to, and stricter: a completion only on a Consult call that is Established, with the
// parent's id given as parentConnId (the client spec marks it optional; this fake requires it), the
// parent Held. `faults.consultAnswer`: 'answer' (default), 'never' (as the simulator), 'release'
// (the target refuses); `faults.consultComplete500`: answer completions 500 as the simulator does.

export const CONSULT_CAPS = [
  'release',
  'clear',
  'attach-user-data',
  'update-user-data',
  'delete-user-data-pair',
  'complete-transfer',
  'complete-conference',
  'alternate',
  'send-dtmf',
  'start-recording',
];

const ENDED = new Set(['Released', 'Completed']);
const hex = (n = 8) => [...crypto.getRandomValues(new Uint8Array(n))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** The answer to a consult op on `call`, or null when `op` is not one of them. */
export function consultOp(fake, call, op, data, done) {
  const bad = (message) => ({ status: 400, body: { message } });
  const wrong = (message) => ({ status: 500, body: { message } });
  // the events go out with the answer (`done`), as the other call operations' do
  const ev = (c, patch) => {
    Object.assign(c, patch);
    c.capabilities = fake.callCaps(c);
    return fake.callEvent(c);
  };
  switch (op) {
    case 'initiate-transfer': {
      if (!data.destination) return bad('Missing parameters');
      if (call.callType === 'Consult' || call.state !== 'Established') return wrong(`Invalid call state ${call.state} for initiate-transfer`);
      if ([...fake.calls.values()].some((c) => c.parentConnId === call.id && !ENDED.has(c.state))) return wrong('A consult call exists already');
      const id = hex(8);
      const consult = {
        id,
        connId: id,
        parentConnId: call.id,
        phoneNumber: call.phoneNumber,
        callUuid: hex(8),
        userData: call.userData,
        extensions: [],
        dnis: data.destination,
        capabilities: [],
        callType: 'Consult',
        participants: [{ number: data.destination, role: 'RoleDestination' }],
        duration: 0,
        startedAt: new Date().toISOString(),
        state: 'Dialing',
        recordingState: 'Stopped',
      };
      fake.calls.set(id, consult);
      const held = ev(call, { state: 'Held' });
      consult.capabilities = fake.callCaps(consult);
      const answer = fake.faults.consultAnswer ?? 'answer';
      if (answer !== 'never') {
        fake.later(fake.answerDelayMs, () => {
          if (consult.state === 'Dialing') fake.setCall(consult, { state: answer === 'release' ? 'Released' : 'Established' });
        });
      }
      return done([held, fake.callEvent(consult)], false);
    }
    case 'initiate-conference':
      return { status: 501, body: 'Not Implemented' }; // as the simulator (§10.2)
    case 'complete-transfer':
    case 'complete-conference': {
      if (call.callType !== 'Consult') return wrong(`${op} on a call that is not a consult`);
      if (!data.parentConnId) return bad('Missing parameters: parentConnId');
      if (data.parentConnId !== call.parentConnId) return bad(`parentConnId ${data.parentConnId} is not the consult's parent`);
      const parent = fake.calls.get(call.parentConnId);
      if (!parent || parent.state !== 'Held') return wrong('Invalid parent call state');
      if (call.state !== 'Established') return wrong(`Invalid call state ${call.state} for ${op}`);
      if (fake.faults.consultComplete500) return wrong('Internal Server Error');
      const consultGone = ev(call, { state: 'Released' });
      if (op === 'complete-transfer') return done([consultGone, ev(parent, { state: 'Released', participants: [{ role: 'RoleOrigination' }] })], false);
      const joined = ev(parent, { state: 'Established', participants: [...parent.participants, { number: call.dnis, role: 'RoleDestination' }] });
      return done([consultGone, joined], false);
    }
    default:
      return null;
  }
}
