// Server-rendered HTML for the portal. Every dynamic value goes through escapeHtml (or is
// produced by the highlighter, which escapes); no inline scripts or styles (the CSP forbids them).
import { escapeHtml as e, highlight, highlightLine } from './highlight.js';
import type { SectionDiff } from './diffview.js';
import { CSS_PATH, ICON_PATH } from './style.js';

export interface Viewer {
  email: string;
  isAdmin: boolean;
  csrf: string;
  /** the customer whose pages are shown (admins: the one being looked at) */
  customer?: string;
}

export interface LayoutOptions {
  title: string;
  viewer?: Viewer;
  current?: 'days' | 'diff' | 'admin' | 'privacy' | 'login';
  body: string;
}

function url(path: string, query?: Record<string, string | undefined>): string {
  const q = query ? Object.entries(query).filter(([, v]) => v !== undefined) : [];
  const s = q.length ? `?${new URLSearchParams(q as [string, string][]).toString()}` : '';
  return e(path + s);
}

export function customerBase(customer: string): string {
  return `/c/${encodeURIComponent(customer)}`;
}

/** Where a customer's pages of one firewall are: its days, their downloads, its changes. */
export function firewallBase(customer: string, firewall: string): string {
  return `${customerBase(customer)}/fw/${encodeURIComponent(firewall)}`;
}

export function layout(o: LayoutOptions): string {
  const v = o.viewer;
  const nav: string[] = [];
  const link = (href: string, label: string, key: LayoutOptions['current']) =>
    `<a href="${e(href)}"${o.current === key ? ' class="current" aria-current="page"' : ''}>${e(label)}</a>`;
  if (v?.customer) {
    nav.push(link(`${customerBase(v.customer)}/`, 'Archived days', 'days'));
    nav.push(link(`${customerBase(v.customer)}/diff`, 'Changes', 'diff'));
  }
  if (v?.isAdmin) nav.push(link('/admin', 'Admin', 'admin'));
  nav.push(link('/privacy', 'Privacy', 'privacy'));
  const who = v
    ? `<span class="who">${e(v.email)}${v.customer ? ` · ${e(v.customer)}` : ''}</span>
      <form method="post" action="/logout"><input type="hidden" name="csrf" value="${e(v.csrf)}"><button class="link" type="submit">Log out</button></form>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(o.title)} · asakit portal</title>
<link rel="stylesheet" href="${CSS_PATH}">
<link rel="icon" href="${ICON_PATH}" type="image/svg+xml">
</head>
<body>
<header class="bar"><div class="wrap">
<a class="brand" href="/">asakit <span>portal</span></a>
<nav>${nav.join('\n')}</nav>
${who}
</div></header>
<main class="wrap">
${o.body}
</main>
<footer class="wrap foot">Firewall configuration portal · <a href="/privacy">What we store and why</a></footer>
</body>
</html>
`;
}

export function loginPage(o: { token: string; error?: string; email?: string }): string {
  return layout({
    title: 'Log in',
    current: 'login',
    body: `<div class="card narrow">
<h1>Log in</h1>
<p class="muted">See the firewall rules configured for your organisation, for every archived day.</p>
${o.error ? `<p class="error" role="alert">${e(o.error)}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="token" value="${e(o.token)}">
<label for="email">E-mail</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${e(o.email ?? '')}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button type="submit">Log in</button></p>
</form>
<p><small>No cookie is set until you log in. <a href="/privacy">Privacy</a></small></p>
</div>`,
  });
}

export interface DayListEntry {
  day: string;
  hostname: string | null;
  /** compared with the previous archived day: true changed, false same, null oldest day */
  changed: boolean | null;
  error: string | null;
}

/** One firewall's part of a customer's list of days. */
export interface FirewallDays {
  firewall: string;
  interfaces: string[];
  days: DayListEntry[];
  lastChange?: { from: string; to: string };
}

export function daysPage(o: {
  viewer: Viewer;
  customer: string;
  firewalls: FirewallDays[];
}): string {
  const several = o.firewalls.length > 1;
  const parts = o.firewalls.map((f) => {
    const base = firewallBase(o.customer, f.firewall);
    const rows = f.days
      .map((d, i) => {
        const prev = f.days[i + 1];
        const status = d.error
          ? `<span class="badge">${e(d.error)}</span>`
          : d.changed === null
            ? '<span class="badge">oldest</span>'
            : d.changed
              ? '<span class="badge changed">changed</span>'
              : '<span class="muted">no change</span>';
        return `<tr>
<td><a href="${url(`${base}/day/${d.day}`)}">${e(d.day)}</a></td>
<td>${e(d.hostname ?? '')}</td>
<td>${status}</td>
<td>${prev ? `<a href="${url(`${base}/diff`, { from: prev.day, to: d.day })}">diff to ${e(prev.day)}</a>` : ''}</td>
<td>${d.error ? '' : `<a href="${url(`${base}/day/${d.day}/download`)}">download</a>`}</td>
</tr>`;
      })
      .join('\n');
    return `${several ? `<h2>Firewall ${e(f.firewall)}</h2>\n` : ''}<p class="lead">Firewall ${e(f.firewall)} · interface${f.interfaces.length === 1 ? '' : 's'} ${f.interfaces.map((i) => `<code>${e(i)}</code>`).join(', ')}</p>
${
  f.lastChange
    ? `<p class="note">Last change: between ${e(f.lastChange.from)} and ${e(f.lastChange.to)}. <a href="${url(`${base}/diff`, f.lastChange)}">See what changed</a></p>`
    : f.days.length
      ? '<p class="note">No change between the archived days.</p>'
      : ''
}
${
  f.days.length
    ? `<table>
<thead><tr><th>Day</th><th>Firewall</th><th>Compared with the day before</th><th>Changes</th><th>Text</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p class="note">No configuration has been archived yet.</p>'
}`;
  });
  return layout({
    title: `${o.customer}: archived days`,
    viewer: o.viewer,
    current: 'days',
    body: `<h1>${e(o.customer)}</h1>
${parts.join('\n')}`,
  });
}

export function dayPage(o: {
  viewer: Viewer;
  customer: string;
  firewall: string;
  /** the customer is on several firewalls: the page names this one */
  several: boolean;
  day: string;
  hostname: string | null;
  prev?: string;
  next?: string;
  text: string | null;
  error: string | null;
}): string {
  const base = firewallBase(o.customer, o.firewall);
  const code = o.text
    ? `<pre class="asa" aria-label="configuration for ${e(o.day)}"><code>${highlight(o.text)
        .map((l) => `<span class="l">${l}</span>`)
        .join('')}</code></pre>`
    : '';
  return layout({
    title: `${o.customer}: ${o.day}`,
    viewer: o.viewer,
    current: 'days',
    body: `<h1>${e(o.customer)}${o.several ? ` · ${e(o.firewall)}` : ''} · ${e(o.day)}</h1>
<p class="lead">What firewall ${e(o.hostname ?? '')} was configured to do for your interfaces on ${e(o.day)}.</p>
<div class="actions">
${o.text ? `<a class="button" href="${url(`${base}/day/${o.day}/download`)}">Download as text</a>` : ''}
${o.prev ? `<a class="button secondary" href="${url(`${base}/diff`, { from: o.prev, to: o.day })}">Changes since ${e(o.prev)}</a>` : ''}
${o.prev ? `<a href="${url(`${base}/day/${o.prev}`)}">← ${e(o.prev)}</a>` : ''}
${o.next ? `<a href="${url(`${base}/day/${o.next}`)}">${e(o.next)} →</a>` : ''}
</div>
${o.error ? `<p class="note">${e(o.error)}</p>` : code}`,
  });
}

export function diffPage(o: {
  viewer: Viewer;
  customer: string;
  firewall: string;
  /** all of the customer's firewalls (links to the others' changes when there are several) */
  firewalls: string[];
  days: string[];
  from: string;
  to: string;
  diffs: SectionDiff[];
  note?: string;
  isDefault: boolean;
}): string {
  const base = firewallBase(o.customer, o.firewall);
  const others = o.firewalls.filter((f) => f !== o.firewall);
  const options = (selected: string) =>
    o.days
      .map((d) => `<option value="${e(d)}"${d === selected ? ' selected' : ''}>${e(d)}</option>`)
      .join('');
  const changed = o.diffs.filter((d) => d.rows.length > 0);
  const unchanged = o.diffs.filter((d) => d.rows.length === 0);
  const sections = changed
    .map((d) => {
      const head = `<div class="section-head"><h2 id="${e(d.id)}">${e(d.title)}</h2><span class="badge plus">+${d.added}</span> <span class="badge minus">−${d.removed}</span></div>`;
      const rows = d.rows
        .map((r) =>
          r.kind === 'skip'
            ? `<span class="l skip"><span class="mark"></span>… ${r.count} unchanged line${r.count === 1 ? '' : 's'}</span>`
            : `<span class="l ${r.kind}"><span class="mark">${r.kind === 'add' ? '+' : r.kind === 'del' ? '−' : ''}</span>${highlightLine(r.text)}</span>`,
        )
        .join('');
      return `${head}\n<pre class="asa diff"><code>${rows}</code></pre>`;
    })
    .join('\n');
  return layout({
    title: `${o.customer}: changes ${o.from} → ${o.to}`,
    viewer: o.viewer,
    current: 'diff',
    body: `<h1>Changes ${e(o.from)} → ${e(o.to)}</h1>
<p class="lead">${o.isDefault ? 'Since the last change: ' : ''}what changed for ${e(o.customer)}${others.length ? ` on firewall ${e(o.firewall)}` : ''} between the two days, per section.</p>
${others.length ? `<p>Other firewalls: ${others.map((f) => `<a href="${url(`${firewallBase(o.customer, f)}/diff`)}">${e(f)}</a>`).join(', ')}</p>` : ''}
<form class="inline card" method="get" action="${url(`${base}/diff`)}">
<div><label for="from">From</label><select id="from" name="from">${options(o.from)}</select></div>
<div><label for="to">To</label><select id="to" name="to">${options(o.to)}</select></div>
<div><button type="submit">Compare</button></div>
</form>
${o.note ? `<p class="note">${e(o.note)}</p>` : changed.length === 0 ? '<p class="note">No differences between these two days.</p>' : ''}
${sections}
${changed.length && unchanged.length ? `<p class="muted">Unchanged: ${unchanged.map((d) => e(d.title)).join(', ')}.</p>` : ''}`,
  });
}

export function adminPage(o: {
  viewer: Viewer;
  firewalls: { name: string; days: number; newest: string | null }[];
  customers: {
    name: string;
    firewalls: { firewall: string; interfaces: string[] }[];
    users: number;
  }[];
  users: { email: string; role: string }[];
}): string {
  return layout({
    title: 'Admin',
    viewer: o.viewer,
    current: 'admin',
    body: `<h1>Operator view</h1>
<h2>Firewalls</h2>
<table><thead><tr><th>Firewall</th><th class="r">Archived days</th><th>Newest</th><th>Audit</th></tr></thead><tbody>
${o.firewalls
  .map(
    (f) =>
      `<tr><td>${e(f.name)}</td><td class="r">${f.days}</td><td>${e(f.newest ?? '')}</td><td>${
        f.newest
          ? `<a href="${url(`/admin/fw/${encodeURIComponent(f.name)}/audit`)}">audit ${e(f.newest)}</a>`
          : ''
      }</td></tr>`,
  )
  .join('\n')}
</tbody></table>
<h2>Customers</h2>
<table><thead><tr><th>Customer</th><th>Firewall</th><th>Interfaces</th><th class="r">Users</th></tr></thead><tbody>
${o.customers
  .flatMap((c) =>
    c.firewalls.map(
      (f) =>
        `<tr><td><a href="${url(`${customerBase(c.name)}/`)}">${e(c.name)}</a></td><td>${e(f.firewall)}</td><td>${f.interfaces.map((i) => `<code>${e(i)}</code>`).join(', ')}</td><td class="r">${c.users}</td></tr>`,
    ),
  )
  .join('\n')}
</tbody></table>
<h2>Users</h2>
<table><thead><tr><th>E-mail</th><th>Role</th></tr></thead><tbody>
${o.users.map((u) => `<tr><td>${e(u.email)}</td><td>${e(u.role)}</td></tr>`).join('\n')}
</tbody></table>
<p class="muted">Customers, users and the archive are managed with the <code>asakit</code> command line (<code>asakit customer add</code>, <code>asakit user add</code>, <code>asakit archive import</code>).</p>`,
  });
}

export function auditPage(o: {
  viewer: Viewer;
  firewall: string;
  day: string;
  days: string[];
  text: string | null;
  error?: string;
}): string {
  const options = o.days
    .map((d) => `<option value="${e(d)}"${d === o.day ? ' selected' : ''}>${e(d)}</option>`)
    .join('');
  return layout({
    title: `Audit ${o.firewall} ${o.day}`,
    viewer: o.viewer,
    current: 'admin',
    body: `<h1>Audit · ${e(o.firewall)} · ${e(o.day)}</h1>
<form class="inline card" method="get" action="${url(`/admin/fw/${encodeURIComponent(o.firewall)}/audit`)}">
<div><label for="day">Day</label><select id="day" name="day">${options}</select></div>
<div><button type="submit">Show</button></div>
</form>
${o.error ? `<p class="note">${e(o.error)}</p>` : ''}
${
  o.text !== null
    ? `<pre class="asa audit"><code>${o.text
        .replace(/\n$/, '')
        .split('\n')
        .map((l) => `<span class="l">${e(l)}</span>`)
        .join('')}</code></pre>`
    : ''
}`,
  });
}

export function privacyPage(o: {
  viewer?: Viewer;
  retentionDays: number;
  sessionHours: number;
  idleMinutes: number;
  rateWindowMinutes: number;
}): string {
  return layout({
    title: 'Privacy',
    viewer: o.viewer,
    current: 'privacy',
    body: `<div class="prose">
<h1>What this portal stores, why, and for how long</h1>
<p>This portal shows each customer the part of the firewall configuration that concerns their own interfaces. It is built to collect as little as possible.</p>
<h2>Nothing from third parties</h2>
<p>Every page is served by this portal alone: no external fonts, scripts, images, analytics or tracking. The pages work without JavaScript.</p>
<h2>Cookies</h2>
<p>One cookie, and only after you log in: a random session identifier (HttpOnly, SameSite=Strict, Secure over HTTPS). It exists to keep you logged in. It ends when you log out, after ${o.idleMinutes} minutes without activity, or at the latest ${o.sessionHours} hours after logging in. Opening the login page sets no cookie; the login form carries a signed, time-limited value in a hidden field instead.</p>
<h2>Your account</h2>
<ul>
<li>Your e-mail address and which customer you belong to, so that you see your organisation's configuration and nobody else's. Kept while your account exists.</li>
<li>Your password only as a salted scrypt hash; nobody, including the operator, can read it back.</li>
<li>On the server, the session: a hash of the cookie value, when it started and when it was last used. Deleted when it ends.</li>
</ul>
<h2>Access log</h2>
<p>For each request: time, IP address, account, method, path, status and duration. This is kept to investigate abuse and faults, and is <strong>deleted automatically after ${o.retentionDays} day${o.retentionDays === 1 ? '' : 's'}</strong> (checked hourly and at every start of the portal).</p>
<h2>Failed logins</h2>
<p>To stop password guessing, failed logins are counted per IP address and per account for ${o.rateWindowMinutes} minutes. They are stored only as keyed hashes (HMAC with a server secret), not as readable addresses, and deleted after ${o.rateWindowMinutes} minutes.</p>
<h2>Firewall configurations</h2>
<p>The operator archives one saved configuration per firewall and day. The portal shows you only the extract for your interfaces: the access lists, NAT rules and objects those rules use. Other customers' rules, addresses and secrets are never shown to you, and yours are never shown to them.</p>
</div>`,
  });
}

export function errorPage(o: {
  status: number;
  title: string;
  message: string;
  viewer?: Viewer;
}): string {
  return layout({
    title: o.title,
    viewer: o.viewer,
    body: `<div class="card narrow"><h1>${e(o.title)}</h1><p>${e(o.message)}</p><p><a href="/">Back to the start page</a></p></div>`,
  });
}
