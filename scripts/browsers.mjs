// Where the Debian browsers live and how to launch them here (root, headless, no network chatter).
export const chromiumPath = process.env.PP_CHROMIUM ?? '/usr/bin/chromium';
export const firefoxPath = process.env.PP_FIREFOX ?? '/usr/bin/firefox-esr';
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
