#!/usr/bin/env node
// Makes sure the Debian packages the test suite talks to (real DNS servers, a real browser) are
// installed. As root it installs what is missing with apt-get; otherwise it stops and names the
// packages to install. It never lets the tests skip silently.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** binary that must exist -> Debian package providing it */
const REQUIRED = [
  { bin: '/usr/sbin/knotd', pkg: 'knot' },
  { bin: '/usr/sbin/unbound', pkg: 'unbound' },
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
];

const missing = [...new Set(REQUIRED.filter((r) => !existsSync(r.bin)).map((r) => r.pkg))];
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  process.stderr.write(
    `asakit tests need these Debian packages: ${missing.join(' ')}\n` +
      `install them with: sudo apt-get install -y ${missing.join(' ')}\n`,
  );
  process.exit(1);
}
process.stderr.write(`installing Debian packages for the tests: ${missing.join(' ')}\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
// The unbound package starts a system service on port 53; the tests run their own instances.
try {
  execFileSync('sh', ['-c', 'systemctl disable --now unbound knot 2>/dev/null || true'], { env });
} catch {
  /* no systemd here: nothing was started */
}
