/** REST calls (rest.ts): ids as path segments, short error texts, timeouts and aborts. */
import { expect } from '@open-wc/testing';
import { Refused, Rest, errorSummary, segment } from '../../src/connectors/genesys/rest.js';
import { resolveSettings } from '../../src/connectors/genesys/settings.js';

describe('Genesys REST', () => {
  it('puts an id in a path as one segment: encoded, and never . or ..', () => {
    expect(segment('c0afc8a12d1b35a6')).to.equal('c0afc8a12d1b35a6');
    expect(segment('a/../b?c#d')).to.equal('a%2F..%2Fb%3Fc%23d');
    expect(segment('%2e%2e')).to.equal('%252e%252e');
    for (const bad of ['..', '.', '']) expect(() => segment(bad), bad).to.throw(Refused);
  });

  it('says the status and the server’s JSON message, capped; an HTML page is only its status', () => {
    expect(errorSummary(400, '{"message":"Missing parameters"}')).to.equal('HTTP 400: Missing parameters');
    expect(errorSummary(403, '{"status":{"code":603,"message":"Unauthorized"}}')).to.equal('HTTP 403: Unauthorized');
    expect(errorSummary(500, '<!DOCTYPE html><html><body><pre>TypeError: x\n at /opt/gws/lib/a.js:1:2</pre></body></html>')).to.equal('HTTP 500');
    expect(errorSummary(500, 'Call with 42 id does not exist for JohnSmith')).to.equal('HTTP 500');
    expect(errorSummary(502, '')).to.equal('HTTP 502');
    const long = errorSummary(500, JSON.stringify({ message: `line1\nline2 ${'x'.repeat(1000)}` }));
    expect(long.length).to.be.at.most(170);
    expect(long).to.match(/^HTTP 500: line1 line2 x+…$/);
  });

  it('an aborted request is refused as aborted, before anything is sent', async () => {
    let sent = 0;
    const real = window.fetch;
    window.fetch = (...args: Parameters<typeof fetch>) => {
      sent += 1;
      return real(...args);
    };
    try {
      const rest = new Rest(resolveSettings({ baseUrl: location.origin, debug: () => undefined }));
      const ctl = new AbortController();
      ctl.abort();
      const aborted = await rest.request('GET', '/x', undefined, ctl.signal).catch((e: unknown) => e);
      expect((aborted as Refused).reason).to.equal('aborted');
      expect(sent).to.equal(0);
    } finally {
      window.fetch = real;
    }
  });
});
