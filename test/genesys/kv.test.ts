/** Key/value user data as the Workspace API sends it: lists or objects, loose types (spec §1, §6, §7). */
import { expect } from '@open-wc/testing';
import { readKv, toKvList } from '../../src/connectors/genesys/index.js';
import { kvInt, kvText } from '../../src/connectors/genesys/kv.js';

describe('Genesys key/value data', () => {
  it('reads a KV list by the JSON type of each value, the last duplicate winning', () => {
    const kv = readKv(
      [
        { key: 'GSW_RECORD_HANDLE', type: 'int', value: '983bff877280a5c9' },
        { key: 'Priority', type: 'interger', value: 8 },
        { key: 'VIP', type: 'str', value: true },
        { key: 'GSW_RECORD_HANDLE', type: 'int', value: '99e2ab7ff531dd77' },
        { key: 'nested', type: 'kvlist', value: [{ key: 'a', type: 'str', value: 'b' }] },
      ],
      'userData',
    );
    expect(kvText(kv, 'GSW_RECORD_HANDLE')).to.equal('99e2ab7ff531dd77');
    expect(kv.get('GSW_RECORD_HANDLE')!.type).to.equal('int'); // kept as sent, to echo back
    expect(kvInt(kv, 'Priority')).to.equal(8);
    expect(kvText(kv, 'VIP')).to.equal('true');
    expect(kvInt(kv, 'GSW_RECORD_HANDLE')).to.equal(null);
    expect(kvText(kv, 'nested')).to.equal(null);
    expect((kv.get('nested')!.value as Map<string, unknown>).size).to.equal(1);
  });

  it('reads a flat object the same way, and numbers in strings as integers', () => {
    const kv = readKv({ GSW_USER_EVENT: 'RecordProcessedAcknowledge', GSW_REFERENCE_ID: '1003', GSW_APPLICATION_ID: 139 }, 'userData');
    expect(kvText(kv, 'GSW_USER_EVENT')).to.equal('RecordProcessedAcknowledge');
    expect(kvInt(kv, 'GSW_REFERENCE_ID')).to.equal(1003);
    expect(kv.get('GSW_APPLICATION_ID')!.type).to.equal('int');
  });

  it('refuses what is neither a list nor an object, and pairs without a key', () => {
    expect(() => readKv(42, 'userData')).to.throw(/userData/);
    expect(() => readKv('GSW_PHONE=1', 'userData')).to.throw(/userData/);
    expect(() => readKv([{ value: 'x' }], 'userData')).to.throw(/userData\[0\]\.key/);
    expect(readKv(undefined, 'userData').size).to.equal(0);
  });

  it('builds lists to send: integers as int, the rest as str, nulls left out', () => {
    expect(
      toKvList([
        ['GSW_REFERENCE_ID', 7],
        ['GSW_CALL_RESULT', null],
        ['name', 'x'],
        ['GSW_RECORD_HANDLE', '9'],
      ]),
    ).to.deep.equal([
      { key: 'GSW_REFERENCE_ID', type: 'int', value: 7 },
      { key: 'name', type: 'str', value: 'x' },
      { key: 'GSW_RECORD_HANDLE', type: 'str', value: '9' },
    ]);
  });
});

describe('Genesys key/value data: nesting', () => {
  it('refuses lists nested deeper than the cap with a clear error, not a stack overflow', async () => {
    const { MAX_KV_DEPTH } = await import('../../src/connectors/genesys/kv.js');
    const { Invalid } = await import('../../src/connectors/validate.js');
    let deep: unknown = [{ key: 'leaf', type: 'str', value: 'x' }];
    for (let i = 0; i < 20_000; i++) deep = [{ key: 'k', type: 'kvlist', value: deep }];
    expect(() => readKv(deep, 'userData')).to.throw(Invalid, /nested deeper than/);
    let ok: unknown = [{ key: 'leaf', type: 'str', value: 'x' }];
    for (let i = 0; i < MAX_KV_DEPTH; i++) ok = [{ key: 'k', type: 'kvlist', value: ok }];
    expect(() => readKv(ok, 'userData')).not.to.throw();
  });
});
