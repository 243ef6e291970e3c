/**
 * The browser side of the authorization-code flow (spec §2.1): send the page to the login
 * URL; when the server sends it back with `?code=`, give that code to the connector
 * (`auth: {kind: 'code', code, redirectUri}`), which initializes the workspace with it.
 */

/** Where to send the page to sign in; the server comes back to `redirectUri?code=…`. */
export function genesysLoginUrl(baseUrl: string, redirectUri: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/workspace/v3/login?redirect_uri=${encodeURIComponent(redirectUri)}`;
}

/** The code in a URL the server redirected to, or null. */
export function readAuthCode(url: string): string | null {
  try {
    const code = new URL(url).searchParams.get('code');
    return code && /^[\w.~-]{1,512}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}
