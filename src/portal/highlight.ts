// Server-side syntax highlighting of ASA configuration text: every token becomes escaped text,
// keywords, names, addresses, numbers and comments are wrapped in <span class="..."> (classes
// styled by the portal's CSS; no inline styles, the CSP forbids them).

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

const KEYWORDS = new Set(
  `name names access-list access-group extended standard ethertype webtype remark object object-group network service protocol
   icmp-type network-object service-object port-object protocol-object icmp-object group-object host subnet range fqdn
   v4 v6 description nat static dynamic source destination interface any any4 any6 in out global eq neq lt gt
   log inactive time-range tcp udp tcp-udp ip icmp icmp6 esp ah gre sctp echo echo-reply unreachable time-exceeded
   after-auto no-proxy-arp route-lookup unidirectional pat-pool extended flat include-reserve round-robin
   block-allocation net-to-net dns ipv6 mapped real hostname asa version nameif security-level ip address standby vlan
   per-user-override control-plane default disable interval informational errors warnings notifications debugging
   alerts critical emergencies`
    .split(/\s+/)
    .filter(Boolean),
);

/** Port and protocol names are keywords too (they are ASA literals, not user-defined names). */
const LITERALS = new Set(
  `www http https ftp ftp-data ssh telnet smtp pop3 imap4 domain ntp snmp snmptrap syslog isakmp ldap ldaps sqlnet
   sip h323 rtsp tftp netbios-ns netbios-dgm netbios-ssn bootps bootpc kerberos radius radius-acct tacacs rsh rlogin
   lpd nntp pptp citrix-ica ctiqbe aol bgp chargen cifs daytime discard echo finger gopher hostname ident irc klogin
   kshell lotusnotes nfs pcanywhere-data pcanywhere-status pim-auto-rp pop2 secureid-udp talk uucp whois xdmcp
   mobile-ip nameserver biff who rip sunrpc time vxlan`
    .split(/\s+/)
    .filter(Boolean),
);

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;
const IPV6 = /^(?=.*:)[0-9A-Fa-f:.]+(?:\/\d{1,3})?$/;
const NUMBER = /^\d+$/;

function span(cls: string, text: string): string {
  return `<span class="${cls}">${escapeHtml(text)}</span>`;
}

const OBJECT_TYPES = new Set(['network', 'service', 'protocol', 'icmp-type', 'user', 'security']);

function tokenClass(
  tok: string,
  prev: string | undefined,
  prev2: string | undefined,
  index: number,
): string | undefined {
  if (tok === 'permit') return 'p';
  if (tok === 'deny') return 'd';
  if (
    IPV4.test(tok) ||
    (IPV6.test(tok) && tok.includes('::')) ||
    (IPV6.test(tok) && tok.split(':').length >= 4)
  )
    return 'a';
  if (NUMBER.test(tok)) return 'num';
  const lower = tok.toLowerCase();
  // `object network NAME`, `object-group service NAME`: the type is a keyword
  if (index === 1 && (prev === 'object' || prev === 'object-group') && OBJECT_TYPES.has(lower))
    return 'k';
  // a name right after a keyword that introduces one is a name even if it looks like a keyword
  if (
    prev === 'object' ||
    prev === 'object-group' ||
    prev === 'access-list' ||
    prev === 'access-group' ||
    prev === 'group-object'
  )
    return 'n';
  if ((prev2 === 'object' || prev2 === 'object-group') && prev !== undefined && KEYWORDS.has(prev))
    return 'n';
  if (KEYWORDS.has(lower) || LITERALS.has(lower)) return 'k';
  if (/^\([^)]*\)$/.test(tok)) return 'n'; // (real,mapped) interface pairs
  return 'n';
}

/** One line of ASA text as HTML (escaped, with spans). */
export function highlightLine(line: string): string {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('!') || trimmed.startsWith(':')) return span('c', line);
  const out: string[] = [];
  // keep whitespace exactly (indentation matters in ASA blocks)
  const parts = line.split(/(\s+)/);
  let prev: string | undefined;
  let prev2: string | undefined;
  let index = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as string;
    if (p === '') continue;
    if (/^\s+$/.test(p)) {
      out.push(escapeHtml(p));
      continue;
    }
    if (p === 'remark' || p === 'description') {
      // the rest of the line is free text
      out.push(span('k', p));
      const restText = parts.slice(i + 1).join('');
      if (restText) out.push(span('c', restText));
      break;
    }
    const cls = tokenClass(p, prev, prev2, index);
    out.push(cls ? span(cls, p) : escapeHtml(p));
    prev2 = prev;
    prev = p;
    index++;
  }
  return out.join('');
}

/** Lines of ASA text as HTML lines (one string per line, no trailing newline). */
export function highlight(text: string): string[] {
  const lines = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return lines.map(highlightLine);
}
