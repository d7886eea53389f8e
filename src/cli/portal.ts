// Operator commands of the customer portal: serve, archive, customer, user.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../parse/errors.js';
import { importFiles, parseDayOption, type ImportOutcome } from '../portal/archive.js';
import {
  ensureCustomerExtracts,
  missingInterfaces,
  parseStoredConfig,
} from '../portal/extracts.js';
import { checkPasswordPolicy, generatePassword, hashPassword } from '../portal/passwords.js';
import { applyPrune, dayNDaysBefore, planPrune, removeFirewall } from '../portal/retention.js';
import { DEFAULTS, startPortal } from '../portal/server.js';
import {
  CUSTOMER_NAME_RE,
  FIREWALL_NAME_RE,
  normalizeEmail,
  Store,
  type Customer,
  type CustomerOnFirewall,
} from '../portal/store.js';
import { ProgressBar } from './progress.js';

const DATA_HELP =
  'data directory holding the portal database (default: $ASAKIT_DATA or ./asakit-data)';

function dataDir(opt: string | undefined): string {
  return resolve(opt ?? process.env['ASAKIT_DATA'] ?? 'asakit-data');
}

function withStore<T>(dir: string | undefined, fn: (store: Store) => T): T {
  const store = Store.open(dataDir(dir));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

async function withStoreAsync<T>(
  dir: string | undefined,
  fn: (store: Store) => Promise<T>,
): Promise<T> {
  const store = Store.open(dataDir(dir));
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

function intOption(name: string, min: number, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max)
      throw new UsageError(`${name} ${v}: expected a whole number from ${min} to ${max}`);
    return n;
  };
}

const VACUUM_HELP =
  'afterwards, shrink the database file to what it still holds (needs that much free disk space while it runs)';

/** Shrinks the database after a removal and says by how much. */
function reportVacuum(store: Store): void {
  const { before, after } = store.vacuum();
  const n = (b: number) => b.toLocaleString('en-US');
  out(`database vacuumed: ${n(before)} -> ${n(after)} bytes`);
}

function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}

function err(s: string): void {
  process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
}

function readPasswordFromStdin(): string {
  if (process.stdin.isTTY)
    throw new UsageError(
      '--password-stdin reads the password from standard input; pipe it in (e.g. printf %s "$PW" | asakit user add ...)',
    );
  let text: string;
  try {
    text = readFileSync(0, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the password from standard input: ${(e as Error).message}`);
  }
  const pw = text.replace(/\r?\n$/, '');
  const problem = checkPasswordPolicy(pw);
  if (problem) throw new UsageError(problem);
  return pw;
}

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;

export function registerPortal(program: Command): void {
  // ---- serve --------------------------------------------------------------------------------------
  program
    .command('serve')
    .description(
      'run the customer portal (HTTP; put a TLS reverse proxy in front for anything beyond localhost)',
    )
    .option('--data <dir>', DATA_HELP)
    .option('--host <address>', 'address to listen on', DEFAULTS.host)
    .option(
      '--port <port>',
      'TCP port (0: any free port)',
      intOption('--port', 0, 65535),
      DEFAULTS.port,
    )
    .option(
      '--trust-proxy',
      'behind a reverse proxy: honour X-Forwarded-Proto (Secure cookies over https) and X-Forwarded-For',
      false,
    )
    .option(
      '--allowed-host <name...>',
      'a host name the portal answers to besides addresses and localhost (needed without --trust-proxy when users reach it by name; with it, limits the names)',
    )
    .option(
      '--log-retention-days <days>',
      'delete access-log entries (with IP addresses) after this many days',
      intOption('--log-retention-days', 1, 3650),
      DEFAULTS.logRetentionDays,
    )
    .addHelpText(
      'after',
      `
Examples:
  asakit serve --data /srv/asakit
  asakit serve --data /srv/asakit --host 127.0.0.1 --port 8080 --trust-proxy   # behind nginx with TLS
  asakit serve --data /srv/asakit --host 0.0.0.0 --allowed-host portal.example.net   # reached by name, no proxy`,
    )
    .action(
      async (opts: {
        data?: string;
        host: string;
        port: number;
        trustProxy: boolean;
        allowedHost?: string[];
        logRetentionDays: number;
      }) => {
        const dir = dataDir(opts.data);
        const portal = await startPortal({
          dataDir: dir,
          host: opts.host,
          port: opts.port,
          trustProxy: opts.trustProxy,
          ...(opts.allowedHost ? { allowedHosts: opts.allowedHost } : {}),
          logRetentionDays: opts.logRetentionDays,
        }).catch((e: NodeJS.ErrnoException) => {
          if (e.code === 'EADDRINUSE')
            throw new UsageError(
              `${opts.host}:${opts.port} is already in use; choose another --port`,
            );
          if (e.code === 'EADDRNOTAVAIL' || e.code === 'EACCES')
            throw new UsageError(`cannot listen on ${opts.host}:${opts.port} (${e.code})`);
          throw e;
        });
        const loopback = /^(127\.|::1$|localhost$)/.test(opts.host);
        out(
          `asakit portal: ${portal.url}/  (data ${dir}, access log kept ${opts.logRetentionDays} day(s); Ctrl-C stops)`,
        );
        if (!loopback && !opts.trustProxy)
          err(
            'asakit portal: warning: plain HTTP on a non-loopback address; serve it through a TLS reverse proxy and use --trust-proxy',
          );
        await new Promise<void>((done) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            out('asakit portal: stopping');
            void portal.close().then(done);
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
      },
    );

  // ---- archive ------------------------------------------------------------------------------------
  const archive = program
    .command('archive')
    .description('the archive of daily saved configurations');
  archive
    .command('import')
    .description('import saved configurations (plain or gzip), one per firewall and day')
    .argument('<files...>', 'files named like cf.asa.YYYYMMDD[.gz]')
    .option('--data <dir>', DATA_HELP)
    .option('--firewall <name>', "firewall name (default: the configuration's hostname)")
    .option('--date <YYYY-MM-DD>', 'the day of a single file whose name carries no date')
    .addHelpText(
      'after',
      `
The day is taken from the file name (cf.asa.20180111.gz -> 2018-01-11) or --date. The same content
is stored once; the same day with different content replaces that day (and says so). A file that
cannot be read or is not a configuration is reported and skipped; the exit status is then 1.

Examples:
  asakit archive import --data /srv/asakit /archiv/cf.asa.2018*.gz
  asakit archive import --firewall fw-hst02 --date 2018-01-11 running-config.txt`,
    )
    .action((files: string[], opts: { data?: string; firewall?: string; date?: string }) => {
      if (opts.firewall !== undefined && !FIREWALL_NAME_RE.test(opts.firewall))
        throw new UsageError(`--firewall ${opts.firewall}: use letters, digits, ".", "_" and "-"`);
      const date = opts.date !== undefined ? parseDayOption(opts.date) : undefined;
      withStore(opts.data, (store) => {
        const t0 = performance.now();
        const bar = new ProgressBar(files.length, 'importing');
        const counts: Record<ImportOutcome['status'], number> = {
          imported: 0,
          replaced: 0,
          unchanged: 0,
          failed: 0,
        };
        bar.update(0);
        importFiles(
          store,
          files,
          { ...(opts.firewall ? { firewall: opts.firewall } : {}), ...(date ? { date } : {}) },
          (o, i) => {
            counts[o.status]++;
            if (o.status === 'failed' || o.status === 'replaced' || !bar.active) {
              bar.clear();
              if (o.status === 'failed') err(`asakit: ${o.message}`);
              else out(o.message);
            }
            bar.update(i + 1, o.file);
          },
        );
        bar.clear();
        const s = ((performance.now() - t0) / 1000).toFixed(1);
        out(
          `imported ${counts.imported}, replaced ${counts.replaced}, unchanged ${counts.unchanged}, failed ${counts.failed} (${files.length} file(s), ${s} s)`,
        );
        if (counts.failed > 0) process.exitCode = 1;
      });
    });
  archive
    .command('list')
    .description('list the archived days per firewall')
    .option('--data <dir>', DATA_HELP)
    .option('--firewall <name>', 'only this firewall')
    .action((opts: { data?: string; firewall?: string }) => {
      withStore(opts.data, (store) => {
        const fws = store.firewalls().filter((f) => !opts.firewall || f.name === opts.firewall);
        if (opts.firewall && fws.length === 0)
          throw new UsageError(`unknown firewall ${opts.firewall}`);
        for (const f of fws) {
          out(`${f.name}: ${f.days} day(s)`);
          for (const d of store.days(f.id)) out(`  ${d.day}  ${d.lines} lines  ${d.source}`);
        }
      });
    });

  archive
    .command('prune')
    .description("remove archived days older than a cut-off (each firewall's newest day is kept)")
    .option('--before <YYYY-MM-DD>', 'remove the days before this day')
    .option(
      '--keep-days <n>',
      'remove the days more than N days before today (UTC)',
      intOption('--keep-days', 0, 100000),
    )
    .option('--firewall <name>', 'only this firewall')
    .option('--dry-run', 'print what would be removed, remove nothing', false)
    .option('--vacuum', VACUUM_HELP, false)
    .option('--data <dir>', DATA_HELP)
    .addHelpText(
      'after',
      `
Configurations no remaining day refers to are dropped with their cached extracts and audits.
Without --vacuum the database file keeps its size (SQLite reuses the free pages for later
imports). A firewall's newest
day is never removed, however old: remove a decommissioned firewall with archive remove-firewall.

Examples:
  asakit archive prune --data /srv/asakit --keep-days 730 --dry-run
  asakit archive prune --data /srv/asakit --before 2018-01-01 --firewall fw-hst01`,
    )
    .action(
      (opts: {
        before?: string;
        keepDays?: number;
        firewall?: string;
        dryRun: boolean;
        vacuum: boolean;
        data?: string;
      }) => {
        if ((opts.before === undefined) === (opts.keepDays === undefined))
          throw new UsageError('archive prune: give either --before YYYY-MM-DD or --keep-days N');
        const before =
          opts.before !== undefined
            ? parseDayOption(opts.before, '--before')
            : dayNDaysBefore(opts.keepDays as number);
        withStore(opts.data, (store) => {
          const plans = planPrune(store, {
            before,
            ...(opts.firewall !== undefined ? { firewall: opts.firewall } : {}),
          });
          const verb = opts.dryRun ? 'would remove' : 'removed';
          for (const p of plans) {
            const span =
              p.remove.length > 0 ? ` (${p.remove[0]} .. ${p.remove[p.remove.length - 1]})` : '';
            const newest = p.keptNewest
              ? `, its newest day ${p.keptNewest} kept although it is before ${before}`
              : '';
            out(
              `${p.firewall}: ${verb} ${p.remove.length} day(s) before ${before}${span}, ${p.keep} kept${newest}`,
            );
          }
          if (opts.dryRun) return;
          const { configs } = applyPrune(store, plans);
          out(`${configs} configuration(s) no longer used dropped`);
          if (opts.vacuum) reportVacuum(store);
        });
      },
    );
  archive
    .command('remove-firewall')
    .description(
      "remove a decommissioned firewall: its days, configurations and the customers' interfaces on it",
    )
    .argument('<name>', 'the firewall (as imported)')
    .option('--vacuum', VACUUM_HELP, false)
    .option('--data <dir>', DATA_HELP)
    .addHelpText(
      'after',
      `
Refused while the firewall is the only one of a customer: move such a customer first (customer add
NAME --firewall OTHER ...) or remove it (customer remove NAME). Customers that are also on other
firewalls stay, with their logins, on those.`,
    )
    .action((name: string, opts: { data?: string; vacuum: boolean }) => {
      withStore(opts.data, (store) => {
        const r = removeFirewall(store, name);
        const also = r.customers.length
          ? `; customer(s) ${r.customers.join(', ')} no longer on it`
          : '';
        out(
          `firewall ${name} removed: ${r.days} day(s), ${r.configs} configuration(s) no longer used${also}`,
        );
        if (opts.vacuum) reportVacuum(store);
      });
    });

  // ---- customer -----------------------------------------------------------------------------------
  const customer = program
    .command('customer')
    .description('customers: which interfaces of which firewall they see');
  customer
    .command('add')
    .description(
      "add a customer, or a firewall to a customer: the extract of these interfaces is what the customer's users see",
    )
    .argument('<name>', 'customer name (letters, digits, ".", "_", "-"; used in portal URLs)')
    .requiredOption('--firewall <name>', 'the firewall (as imported)')
    .requiredOption('--interface <nameif...>', "the customer's interfaces (nameif) on it")
    .option('--data <dir>', DATA_HELP)
    .addHelpText(
      'after',
      `
Examples:
  asakit customer add acme --firewall fw-hst01 --interface cust-acme
  asakit customer add iks --firewall fw-hst01 --interface iks-lab iks-lab-mgmt
  asakit customer add iks --firewall fw-hst02 --interface iks-dr     (a second firewall)`,
    )
    .action((name: string, opts: { firewall: string; interface: string[]; data?: string }) => {
      if (!CUSTOMER_NAME_RE.test(name))
        throw new UsageError(
          `customer name "${name}": use 1-64 letters, digits, ".", "_" and "-" (starting with a letter or digit)`,
        );
      withStore(opts.data, (store) => {
        const known = store.customerByName(name);
        const there = known?.firewalls.find((f) => f.firewall === opts.firewall);
        if (there)
          throw new UsageError(
            `customer ${name} has interfaces on ${there.firewall} already (change them with: asakit customer set-interfaces ${name} --firewall ${there.firewall} --interface ...)`,
          );
        const fw = checkInterfaces(store, opts.firewall, opts.interface, name);
        const id = store.tx(() => {
          if (!known) return store.insertCustomer(name, fw.id, opts.interface);
          store.setInterfaces(known.id, fw.id, opts.interface);
          return known.id;
        });
        const c = onFirewall(store, id, fw.id);
        const n = computeWithProgress(store, c);
        out(
          `customer ${name} ${known ? 'now also on' : 'added:'} ${fw.name} ${c.interfaces.join(' ')} (${n} extract(s) computed)`,
        );
      });
    });
  customer
    .command('set-interfaces')
    .description("change a customer's interfaces on a firewall (recomputes its extracts there)")
    .argument('<name>', 'customer name')
    .option('--firewall <name>', 'the firewall (needed when the customer is on several)')
    .requiredOption('--interface <nameif...>', "the customer's interfaces (nameif)")
    .option('--data <dir>', DATA_HELP)
    .action((name: string, opts: { firewall?: string; interface: string[]; data?: string }) => {
      withStore(opts.data, (store) => {
        const c0 = customerOn(store, name, opts.firewall);
        checkInterfaces(store, c0.firewall, opts.interface, name);
        store.tx(() => store.setInterfaces(c0.id, c0.firewallId, opts.interface));
        const c = onFirewall(store, c0.id, c0.firewallId);
        const n = computeWithProgress(store, c);
        out(
          `customer ${name}: ${c.firewall} ${c.interfaces.join(' ')} (${n} extract(s) recomputed)`,
        );
      });
    });
  customer
    .command('list')
    .description('list customers: one line per customer and firewall (name, firewall, interfaces)')
    .option('--data <dir>', DATA_HELP)
    .action((opts: { data?: string }) => {
      withStore(opts.data, (store) => {
        for (const c of store.customers())
          for (const f of c.firewalls) out(`${c.name}\t${f.firewall}\t${f.interfaces.join(' ')}`);
      });
    });
  customer
    .command('remove')
    .description(
      'remove a customer, its users and its cached extracts; with --firewall, only its interfaces there',
    )
    .argument('<name>', 'customer name')
    .option('--firewall <name>', 'remove the customer from this firewall only')
    .option('--data <dir>', DATA_HELP)
    .action((name: string, opts: { firewall?: string; data?: string }) => {
      withStore(opts.data, (store) => {
        if (opts.firewall !== undefined) {
          const c = customerOn(store, name, opts.firewall);
          if ((store.customerById(c.id) as Customer).firewalls.length === 1)
            throw new UsageError(
              `${c.firewall} is customer ${name}'s only firewall; remove the customer with: asakit customer remove ${name}`,
            );
          store.tx(() => store.setInterfaces(c.id, c.firewallId, []));
          out(`customer ${name} removed from ${c.firewall}`);
          return;
        }
        const c = store.customerByName(name);
        if (!c) throw new UsageError(`unknown customer ${name}`);
        store.tx(() => store.deleteCustomer(c.id));
        out(`customer ${name} removed`);
      });
    });

  // ---- user ---------------------------------------------------------------------------------------
  const user = program.command('user').description('portal logins');
  user
    .command('add')
    .description("add a login for a customer's staff (--customer) or for the operator (--admin)")
    .argument('<email>', 'e-mail address (the login name)')
    .option('--customer <name>', 'the customer whose extracts this user sees')
    .option('--admin', "an operator: sees every customer and each firewall's audit", false)
    .option(
      '--password-stdin',
      'read the password from standard input (otherwise one is generated and printed once)',
      false,
    )
    .option('--data <dir>', DATA_HELP)
    .addHelpText(
      'after',
      `
Examples:
  asakit user add it@acme.example --customer acme            # prints a generated password once
  printf %s "$PW" | asakit user add noc@example.net --admin --password-stdin`,
    )
    .action(
      async (
        email: string,
        opts: { customer?: string; admin: boolean; passwordStdin: boolean; data?: string },
      ) => {
        const mail = normalizeEmail(email);
        if (!EMAIL_RE.test(mail) || mail.length > 254)
          throw new UsageError(`"${email}" is not an e-mail address`);
        if (!!opts.customer === !!opts.admin)
          throw new UsageError('give exactly one of --customer NAME or --admin');
        const password = opts.passwordStdin ? readPasswordFromStdin() : generatePassword();
        await withStoreAsync(opts.data, async (store) => {
          if (store.userByEmail(mail)) throw new UsageError(`user ${mail} exists already`);
          let customerId: number | null = null;
          if (opts.customer) {
            const c = store.customerByName(opts.customer);
            if (!c)
              throw new UsageError(
                `unknown customer ${opts.customer} (add it first: asakit customer add ${opts.customer} --firewall FW --interface NAMEIF)`,
              );
            customerId = c.id;
          }
          const passwordHash = await hashPassword(password);
          store.insertUser({ email: mail, customerId, isAdmin: !!opts.admin, passwordHash });
          out(`user ${mail} added (${opts.admin ? 'admin' : `customer ${opts.customer}`})`);
          if (!opts.passwordStdin)
            out(`password: ${password}\n(shown once; asakit stores only a salted scrypt hash)`);
        });
      },
    );
  user
    .command('password')
    .description("set a new password (ends the user's sessions)")
    .argument('<email>', 'e-mail address')
    .option(
      '--password-stdin',
      'read the password from standard input (otherwise one is generated and printed once)',
      false,
    )
    .option('--data <dir>', DATA_HELP)
    .action(async (email: string, opts: { passwordStdin: boolean; data?: string }) => {
      const password = opts.passwordStdin ? readPasswordFromStdin() : generatePassword();
      await withStoreAsync(opts.data, async (store) => {
        const u = store.userByEmail(email);
        if (!u) throw new UsageError(`unknown user ${email}`);
        store.setPassword(u.id, await hashPassword(password));
        out(`password of ${u.email} changed; their sessions ended`);
        if (!opts.passwordStdin) out(`password: ${password}\n(shown once)`);
      });
    });
  user
    .command('list')
    .description('list portal logins')
    .option('--data <dir>', DATA_HELP)
    .action((opts: { data?: string }) => {
      withStore(opts.data, (store) => {
        for (const u of store.users())
          out(`${u.email}\t${u.isAdmin ? 'admin' : `customer ${u.customer ?? ''}`}`);
      });
    });
  user
    .command('remove')
    .description('remove a login (and its sessions)')
    .argument('<email>', 'e-mail address')
    .option('--data <dir>', DATA_HELP)
    .action((email: string, opts: { data?: string }) => {
      withStore(opts.data, (store) => {
        const u = store.userByEmail(email);
        if (!u) throw new UsageError(`unknown user ${email}`);
        store.deleteUser(u.id);
        out(`user ${u.email} removed`);
      });
    });
}

/** The firewall, after checking that every nameif exists in its newest configuration. */
function checkInterfaces(
  store: Store,
  firewall: string,
  nameifs: string[],
  customer: string,
): { id: number; name: string } {
  const fw = store.firewallByName(firewall);
  if (!fw) {
    const known = store.firewalls().map((f) => f.name);
    throw new UsageError(
      `unknown firewall ${firewall} (${known.length ? `known: ${known.join(', ')}` : 'nothing imported yet: asakit archive import ...'})`,
    );
  }
  const newest = store.newestDay(fw.id);
  if (!newest)
    throw new UsageError(
      `firewall ${fw.name} has no archived configuration yet; import one first (asakit archive import)`,
    );
  // only the interfaces' part of the day is parsed, unless one is missing: then the whole day,
  // to name the interfaces it has
  if (missingInterfaces(store, newest.configId, nameifs).length > 0) {
    const config = parseStoredConfig(store, newest.configId, `${fw.name} ${newest.day}`);
    const missing = nameifs.filter((n) => !config.interfacesByNameif.has(n));
    const have = [...config.interfacesByNameif.keys()].sort();
    throw new UsageError(
      `${missing.length === 1 ? 'interface' : 'interfaces'} ${missing.join(', ')} not in ${fw.name}'s newest configuration (${newest.day}); it has: ${have.join(', ') || '(no nameif)'}`,
    );
  }
  for (const c of store.customersOnFirewall(fw.id)) {
    if (c.name === customer) continue;
    const shared = c.interfaces.filter((i) => nameifs.includes(i));
    if (shared.length)
      err(`asakit: note: ${shared.join(', ')} also assigned to customer ${c.name}`);
  }
  return fw;
}

/**
 * The customer's interfaces on a firewall: the one named, or the customer's only firewall when
 * none is named.
 */
function customerOn(store: Store, name: string, firewall?: string): CustomerOnFirewall {
  const c = store.customerByName(name);
  if (!c) throw new UsageError(`unknown customer ${name}`);
  const names = c.firewalls.map((f) => f.firewall).join(', ');
  if (firewall === undefined) {
    if (c.firewalls.length === 1) return c.firewalls[0] as CustomerOnFirewall;
    throw new UsageError(
      `customer ${name} is on several firewalls (${names}): name one with --firewall`,
    );
  }
  const f = c.firewalls.find((x) => x.firewall === firewall);
  if (!f)
    throw new UsageError(`customer ${name} has no interfaces on ${firewall} (it is on ${names})`);
  return f;
}

/** The customer's interfaces on a firewall, as stored just now. */
function onFirewall(store: Store, customerId: number, firewallId: number): CustomerOnFirewall {
  const c = store.customerOnFirewall(customerId, firewallId);
  if (!c) throw new Error('customer vanished');
  return c;
}

function computeWithProgress(store: Store, c: CustomerOnFirewall): number {
  const bar = new ProgressBar(
    store.configIdsOfFirewall(c.firewallId).length,
    `extracts for ${c.name}`,
  );
  const n = ensureCustomerExtracts(store, c, (done) => bar.update(done));
  bar.clear();
  return n;
}
