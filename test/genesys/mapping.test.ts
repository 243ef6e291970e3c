/** Genesys ⇄ domain (mapping.ts): the record, its name field, its region, and fields going back. */
import { expect } from '@open-wc/testing';
import { loadPhoneMetadata } from '../../src/domain/phone.js';
import { readKv } from '../../src/connectors/genesys/kv.js';
import { countryOf, dialable, toGenesysFields, toRecord } from '../../src/connectors/genesys/mapping.js';
import { resolveSettings } from '../../src/connectors/genesys/settings.js';

const ud = (extra: Record<string, unknown> = {}) =>
  readKv({ GSW_PHONE: '+81312345678', GSW_RECORD_HANDLE: 9, GSW_CHAIN_ID: 2, CustomerName: 'Yamada Taro', Segment: 'Gold', ...extra }, 'userData');

describe('Genesys mapping', () => {
  before(() => loadPhoneMetadata());

  it('shows the configured name field as the contact’s name, and sends an edited name back under it', () => {
    const s = resolveSettings({ baseUrl: 'https://gws.example.com', nameField: 'CustomerName' });
    const r = toRecord(ud(), 'userData', s);
    expect(r.fields).to.deep.equal({ name: 'Yamada Taro', Segment: 'Gold' });
    expect(toGenesysFields({ name: 'Yamada Hanako', Segment: 'Silver' }, s)).to.deep.equal([
      ['CustomerName', 'Yamada Hanako'],
      ['Segment', 'Silver'],
    ]);
    // By default only a field called name is the name; a record without one has none.
    const d = resolveSettings({ baseUrl: 'https://gws.example.com' });
    expect(toRecord(ud(), 'userData', d).fields).to.deep.equal({ CustomerName: 'Yamada Taro', Segment: 'Gold' });
  });

  it('reads the all-day window 0–86340 s as open until midnight, and other windows to the minute', () => {
    const s = resolveSettings({ baseUrl: 'https://gws.example.com' });
    // At 23:59 UTC a Connect on the simulator's record must not ask for a calling-window confirmation.
    expect(toRecord(ud({ GSW_FROM: 0, GSW_UNTIL: 86340 }), 'userData', s)).to.include({ callFrom: 0, callTill: 1440 });
    expect(toRecord(ud({ GSW_FROM: 32400, GSW_UNTIL: 75600 }), 'userData', s)).to.include({ callFrom: 540, callTill: 1260 });
  });

  it('reads a number without a country code in the configured region, and checks it as the Chained Records tab does', () => {
    const jp = resolveSettings({ baseUrl: 'https://gws.example.com', defaultCountry: 'JP' });
    const us = resolveSettings({ baseUrl: 'https://gws.example.com' });
    expect(countryOf('+81312345678', us)).to.equal('JP');
    expect(countryOf('03-1234-5678', jp)).to.equal('JP');
    expect(countryOf('03-1234-5678', us)).to.equal('US');
    expect(dialable('03-1234-5678', 'JP')).to.equal(true);
    expect(dialable('03-1234-5678', 'US')).to.equal(false);
    expect(toRecord(ud({ GSW_PHONE: '0312345678' }), 'userData', jp).country).to.equal('JP');
  });
});
