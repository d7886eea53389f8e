#!/usr/bin/env node
// `npm start` (after `npm run build`): a short tour of the command line on the bundled example,
// then the customer portal on a demo archive in a temporary directory. Ctrl-C stops it and
// removes the temporary directory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'asakit');
const example = join(root, 'examples', 'hosting.cfg');
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);

if (!existsSync(join(root, 'dist', 'src', 'portal', 'demo.js'))) {
  process.stderr.write('asakit: not built yet; run "npm run build" (npm start does it for you)\n');
  process.exit(2);
}

function show(args, maxLines) {
  const shown = ['asakit', ...args.map((a) => (a.startsWith('/') ? relative(root, a) : a))].join(
    ' ',
  );
  process.stdout.write(`\n${bold(`$ ${shown}`)}\n`);
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  const lines = (r.stdout || '').replace(/\n$/, '').split('\n');
  process.stdout.write(lines.slice(0, maxLines).join('\n') + '\n');
  if (lines.length > maxLines)
    process.stdout.write(`... (${lines.length - maxLines} more lines)\n`);
  if (r.status !== 0 && r.status !== 1)
    process.stdout.write(`(exit status ${r.status}: ${(r.stderr || '').trim()})\n`);
}

process.stdout.write(
  bold(
    'asakit: per-customer extracts, audits and a customer portal for Cisco ASA configurations\n',
  ),
);
show(['parse', example], 12);
show(['extract', '--config', example, 'cust-acme'], 28);

const { seedDemo } = await import('../dist/src/portal/demo.js');
const { startPortal } = await import('../dist/src/portal/server.js');

const dataDir = mkdtempSync(join(tmpdir(), 'asakit-demo-'));
let portal;
let stopping = false;
const cleanup = () => rmSync(dataDir, { recursive: true, force: true });

async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  process.stdout.write('\nstopping the demo portal ...\n');
  try {
    if (portal) await portal.close();
  } finally {
    cleanup();
    process.stdout.write(`removed ${dataDir}\n`);
    process.exit(code);
  }
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  process.stdout.write(`\n${bold('Customer portal demo')}\n`);
  const demo = await seedDemo({ dataDir, secondFirewall: true });
  process.stdout.write(`archive (${dataDir}):\n`);
  process.stdout.write(`  ${demo.firewall}\n`);
  for (const d of demo.days) process.stdout.write(`    ${d.day}  ${d.change}\n`);
  if (demo.dr) {
    process.stdout.write(
      `  ${demo.dr.firewall} (disaster-recovery site; ${demo.dr.customer} is on it too, interface ${demo.dr.interfaces.join(' ')})\n`,
    );
    for (const d of demo.dr.days) process.stdout.write(`    ${d.day}  ${d.change}\n`);
  }
  const host = process.env.HOST || '127.0.0.1';
  const wanted = Number(process.env.PORT || 8080);
  try {
    portal = await startPortal({ dataDir, host, port: wanted });
  } catch (err) {
    if (err && err.code === 'EADDRINUSE') {
      process.stdout.write(`port ${wanted} is in use; taking a free one\n`);
      portal = await startPortal({ dataDir, host, port: 0 });
    } else throw err;
  }
  process.stdout.write(`\nportal: ${bold(`${portal.url}/`)}\n`);
  for (const u of demo.users) {
    const role = u.admin ? 'operator (admin)' : `customer ${u.customer}`;
    process.stdout.write(`  ${role.padEnd(17)} ${u.email.padEnd(24)} password ${u.password}\n`);
  }
  process.stdout.write('\nCtrl-C stops the portal and removes the demo data.\n');
} catch (err) {
  process.stderr.write(`asakit demo: ${err && err.message ? err.message : err}\n`);
  await stop(2);
}
