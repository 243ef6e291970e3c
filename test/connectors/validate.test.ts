/** The validator at the boundary of everything that renders. */
import { expect } from '@open-wc/testing';
import { MAX_DEPTH, MAX_FIELDS, MAX_FIELD_LENGTH, attempt, readMessage, readRecord } from '../../src/connectors/validate.js';
import { CHAINS, interactionFor } from '../fixtures/states.js';
import { DEFAULT_CAMPAIGN } from '../../src/connectors/simulated/seed-data.js';

const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const record = () => plain(CHAINS[0]!.records[0]!) as unknown as Record<string, unknown>;
const offered = (interaction: unknown) => ({ seq: 1, event: { type: 'offered', interaction, campaign: plain(DEFAULT_CAMPAIGN) } });

describe('validate: what renders', () => {
  it('refuses a time zone Intl does not know, with its path', () => {
    const r = attempt(readRecord, { ...record(), timeZone: 'Mars/Olympus' });
    expect(r.ok).to.equal(false);
    expect(r.ok ? '' : r.error)
      .to.contain('record.timeZone')
      .and.contain('Mars/Olympus');
    expect(attempt(readRecord, { ...record(), timeZone: 'Asia/Tokyo' }).ok).to.equal(true);
  });

  it('drops a field over the length cap, and fields past the count cap, keeping the rest and saying so', () => {
    const fields: Record<string, string> = { name: 'Yamada', huge: 'x'.repeat(10 * 1024 * 1024) };
    for (let i = 0; i < MAX_FIELDS + 20; i++) fields[`f${i}`] = String(i);
    const r = attempt(readRecord, { ...record(), fields });
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(r.value.fields.name).to.equal('Yamada');
    expect(Object.hasOwn(r.value.fields, 'huge')).to.equal(false);
    expect(Object.keys(r.value.fields).length).to.equal(MAX_FIELDS);
    expect(r.dropped.some((d) => d.includes('huge') && d.includes(String(MAX_FIELD_LENGTH)))).to.equal(true);
    expect(r.dropped.filter((d) => d.includes(`more than ${MAX_FIELDS}`)).length).to.equal(21);
  });

  it('drops field names that collide with Object members; reads own properties only', () => {
    const raw = JSON.parse('{"name":"A","constructor":"c","toString":"t","__proto__":"p","hasOwnProperty":"h"}');
    const r = attempt(readRecord, { ...record(), fields: raw });
    expect(r.ok).to.equal(true);
    if (!r.ok) return;
    expect(Object.keys(r.value.fields)).to.deep.equal(['name']);
    expect(r.dropped.length).to.equal(4);
    // inherited properties are no data: a message whose seq and event come from a prototype
    const inherited = Object.create({ seq: 1, event: { type: 'done', interactionId: 'i' } });
    expect(attempt(readMessage, inherited).ok).to.equal(false);
    const rec = Object.assign(Object.create(record()), {});
    expect(attempt(readRecord, rec).ok).to.equal(false);
  });

  it('refuses nesting deeper than the cap without throwing (20,000 deep)', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    const r = attempt(readMessage, { seq: 1, event: { type: 'failed', interactionId: 'i', detail: deep } });
    expect(r.ok).to.equal(false);
    expect(r.ok ? '' : r.error).to.contain(`deeper than ${MAX_DEPTH}`);
  });

  it('refuses a chain whose active record is missing, and a call of 4 parties', () => {
    const interaction = plain(interactionFor(0));
    const missing = { ...interaction, chain: { ...interaction.chain, activeHandle: 999_999 } };
    const r = attempt(readMessage, offered(missing));
    expect(r.ok).to.equal(false);
    expect(r.ok ? '' : r.error).to.contain('activeHandle');
    expect(attempt(readMessage, offered(interaction)).ok).to.equal(true);
    const call = { number: '0312345678', handle: 1, startedAt: 0, connectedAt: 0, held: false, recording: false, parties: 4 };
    const four = attempt(readMessage, { seq: 2, event: { type: 'call', interactionId: interaction.id, call } });
    expect(four.ok).to.equal(false);
    expect(attempt(readMessage, { seq: 2, event: { type: 'call', interactionId: interaction.id, call: { ...call, parties: 3 } } }).ok).to.equal(true);
  });

  it('refuses a seq past the safe integers', () => {
    expect(attempt(readMessage, { seq: 2 ** 60, event: { type: 'done', interactionId: 'i' } }).ok).to.equal(false);
  });
});
