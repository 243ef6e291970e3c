// Makes sure Debian's Chromium (+ driver) and Firefox ESR exist for the browser tests.
// On Debian as root it installs them with apt when missing; elsewhere it says how.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const need = [
  ['/usr/bin/chromium', 'chromium'],
  ['/usr/bin/chromedriver', 'chromium-driver'],
  ['/usr/bin/firefox-esr', 'firefox-esr'],
];
const missing = need.filter(([bin]) => !existsSync(bin)).map(([, pkg]) => pkg);
if (missing.length === 0) process.exit(0);

const isDebian = existsSync('/etc/debian_version') || (existsSync('/etc/os-release') && /debian|ubuntu/i.test(readFileSync('/etc/os-release', 'utf8')));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isDebian || !isRoot) {
  console.error(`push-preview-elements: the browser tests need ${missing.join(', ')}.
  On Debian/Ubuntu run as root:  apt-get update && apt-get install -y chromium chromium-driver firefox-esr
  Elsewhere install Chromium and Firefox ESR and link them to /usr/bin/chromium and /usr/bin/firefox-esr,
  or set PP_CHROMIUM / PP_FIREFOX to their paths.`);
  if (!process.env.PP_CHROMIUM) process.exit(1);
  process.exit(0);
}
console.log(`push-preview-elements: installing ${missing.join(' ')} with apt…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execSync('apt-get update -qq', { stdio: 'inherit', env });
execSync(`apt-get install -y -qq --no-install-recommends ${missing.join(' ')} fonts-noto-cjk`, { stdio: 'inherit', env });
