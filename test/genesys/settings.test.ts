/** The connector's options resolved once (settings.ts): defaults, and the base URL it will use. */
import { expect } from '@open-wc/testing';
import { GenesysConnector } from '../../src/connectors/genesys/index.js';
import { resolveSettings, workspaceApiUrl } from '../../src/connectors/genesys/settings.js';

describe('Genesys settings', () => {
  it('takes an https base URL, and http only on the loopback host', () => {
    expect(workspaceApiUrl('https://gws.example.com')).to.equal('https://gws.example.com/workspace/v3');
    expect(workspaceApiUrl('https://gws.example.com/proxy/gws/')).to.equal('https://gws.example.com/proxy/gws/workspace/v3');
    expect(workspaceApiUrl('http://localhost:7777')).to.equal('http://localhost:7777/workspace/v3');
    expect(workspaceApiUrl('http://127.0.0.1:7777/x')).to.equal('http://127.0.0.1:7777/x/workspace/v3');
    expect(workspaceApiUrl('http://[::1]:7777')).to.equal('http://[::1]:7777/workspace/v3');
    expect(() => workspaceApiUrl('http://gws.example.com')).to.throw(TypeError, /https/);
    expect(workspaceApiUrl('http://gws.lab', true)).to.equal('http://gws.lab/workspace/v3');
  });

  it('refuses a base URL with a query, a fragment, credentials or another scheme, and says why', () => {
    expect(() => workspaceApiUrl('https://gws.example.com/?tenant=1')).to.throw(TypeError, /query or a fragment/);
    expect(() => workspaceApiUrl('https://gws.example.com/#x')).to.throw(TypeError, /query or a fragment/);
    expect(() => workspaceApiUrl('https://gws.example.com?')).to.throw(TypeError, /query or a fragment/);
    expect(() => workspaceApiUrl('https://u:p@gws.example.com')).to.throw(TypeError, /credentials/);
    expect(() => workspaceApiUrl('javascript:alert(1)')).to.throw(TypeError, /https/);
    expect(() => workspaceApiUrl('gws.example.com')).to.throw(TypeError, /absolute URL/);
    // The connector refuses it at once, before any request.
    expect(() => new GenesysConnector({ baseUrl: 'https://gws.example.com/?x=1' })).to.throw(TypeError);
    expect(() => new GenesysConnector({ baseUrl: 'http://gws.example.com' })).to.throw(TypeError);
    expect(() => new GenesysConnector({ baseUrl: 'http://gws.example.com', allowInsecureHttp: true })).not.to.throw();
  });

  it('resolves every default once; what the page sets wins', () => {
    const d = resolveSettings({ baseUrl: 'https://gws.example.com' });
    expect(d.ocs).to.deep.include({ transport: 'topic', transportChosen: false, topic: '{tenantId}@{placeName}', rejectOrder: 'ocs-first' });
    expect(d).to.deep.include({ defaultCountry: 'US', nameField: 'name', requestTimeoutMs: 10_000, credentials: 'include', autoCompleteCall: false });
    const o = resolveSettings({
      baseUrl: 'https://gws.example.com',
      ocs: { transport: 'voice', phoneTypeCodes: { mobile: 9 } },
      defaultCountry: 'jp',
      nameField: 'CustomerName',
    });
    expect(o.ocs.transportChosen).to.equal(true);
    expect(o.ocs.phoneTypeCodes).to.deep.equal({ home: 1, business: 2, mobile: 9, other: 0 });
    expect(o.defaultCountry).to.equal('JP');
    expect(o.nameField).to.equal('CustomerName');
  });

  it('issue 16: the preview policy and wrap-up bound come from the page, checked; a wrong one is named', () => {
    const afterCallWork = { limitSec: 90, defaultDispositionCode: 'CALLBACK', extendSec: 30, maxExtensions: 1, onTimeout: 'not-ready' as const };
    const s = resolveSettings({
      baseUrl: 'https://gws.example.com',
      campaign: { rejectAllowed: false, cancelAllowed: false, timeoutPolicy: 'dial', afterCallWork },
    });
    expect(s.campaign).to.deep.include({ rejectAllowed: false, cancelAllowed: false, timeoutPolicy: 'dial', afterCallWork });
    expect(resolveSettings({ baseUrl: 'https://gws.example.com' }).campaign.afterCallWork).to.equal(undefined);
    const bad = (campaign: object) => () => resolveSettings({ baseUrl: 'https://gws.example.com', campaign: campaign as never });
    expect(bad({ rejectAllowed: 'no' })).to.throw(TypeError, /campaign\.rejectAllowed must be true or false/);
    expect(bad({ afterCallWork: { limitSec: 0 } })).to.throw(TypeError, /campaign\.afterCallWork\.limitSec/);
    expect(bad({ afterCallWork: { limitSec: 60, onTimeout: 'later' } })).to.throw(TypeError, /campaign\.afterCallWork\.onTimeout/);
  });
});
