// Small parts of the portal: highlighting (and its escaping), per-section diffs, passwords,
// login-form tokens, the same-origin check.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { IncomingMessage } from 'node:http';
import { diffSections, diffText } from '../../src/portal/diffview.js';
import { escapeHtml, highlightLine } from '../../src/portal/highlight.js';
import {
  checkPasswordPolicy,
  generatePassword,
  hashPassword,
  verifyPassword,
} from '../../src/portal/passwords.js';
import {
  loginToken,
  parseCookies,
  sameOrigin,
  verifyLoginToken,
} from '../../src/portal/security.js';
import { Store } from '../../src/portal/store.js';
import { tempDir } from './helpers.js';

const stripTags = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('highlight', () => {
  test('classes for keywords, names, addresses, comments, permit/deny', () => {
    const h = highlightLine(
      'access-list cust-acme_access_in extended permit tcp object-group acme-web host 192.0.2.10 eq https',
    );
    assert.equal(
      h,
      '<span class="k">access-list</span> <span class="n">cust-acme_access_in</span> <span class="k">extended</span> <span class="p">permit</span> <span class="k">tcp</span> <span class="k">object-group</span> <span class="n">acme-web</span> <span class="k">host</span> <span class="a">192.0.2.10</span> <span class="k">eq</span> <span class="k">https</span>',
    );
    assert.match(
      highlightLine('access-list x extended deny ip any any log'),
      /<span class="d">deny<\/span>/,
    );
    assert.equal(highlightLine('! --- NAT ---'), '<span class="c">! --- NAT ---</span>');
    assert.match(
      highlightLine('object network web'),
      /^<span class="k">object<\/span> <span class="k">network<\/span> <span class="n">web<\/span>$/,
    );
    assert.match(
      highlightLine(' subnet 2001:db8:103::/64'),
      /<span class="a">2001:db8:103::\/64<\/span>/,
    );
  });

  test('remarks and descriptions are free text, escaped', () => {
    const h = highlightLine('access-list a remark <script>alert("x")</script> & more');
    assert.match(
      h,
      /<span class="k">remark<\/span><span class="c"> &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more<\/span>$/,
    );
  });

  test('property: the visible text is exactly the input, and no tag comes from the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const line = s.replace(/[\r\n]/g, ' ');
        const h = highlightLine(line);
        assert.equal(stripTags(h), line);
        const tags = h.match(/<[^>]*>/g) ?? [];
        for (const t of tags) assert.match(t, /^(<span class="(k|n|a|num|c|p|d)">|<\/span>)$/);
      }),
      { numRuns: 500 },
    );
    assert.equal(escapeHtml(`<>&"'`), '&lt;&gt;&amp;&quot;&#39;');
  });
});

describe('diff per section', () => {
  test('changed lines with context, per section, unchanged sections empty', () => {
    const a = [
      {
        id: 'access-lists',
        title: 'access-lists',
        lines: ['access-list A permit 1', 'access-list A permit 2', 'access-list A deny any'],
      },
      { id: 'objects', title: 'objects', lines: ['object network o1', ' host 10.0.0.1'] },
      { id: 'nat', title: 'NAT', lines: ['nat (a,b) source static x x'] },
    ];
    const b = [
      {
        id: 'access-lists',
        title: 'access-lists',
        lines: [
          'access-list A permit 1',
          'access-list A permit 2',
          'access-list A permit 3',
          'access-list A deny any',
        ],
      },
      { id: 'objects', title: 'objects', lines: ['object network o1', ' host 10.0.0.2'] },
      { id: 'nat', title: 'NAT', lines: ['nat (a,b) source static x x'] },
    ];
    const d = diffSections(a, b);
    assert.deepEqual(
      d.map((s) => [s.id, s.added, s.removed]),
      [
        ['access-lists', 1, 0],
        ['nat', 0, 0],
        ['objects', 1, 1],
      ],
    );
    assert.equal(
      diffText(d),
      [
        '! Access lists: +1 -0',
        '  access-list A permit 1',
        '  access-list A permit 2',
        '+ access-list A permit 3',
        '  access-list A deny any',
        '! Objects: +1 -1',
        '  object network o1',
        '-  host 10.0.0.1',
        '+  host 10.0.0.2',
        '',
      ].join('\n'),
    );
  });

  test('long unchanged runs collapse', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `access-list A permit ${i}`);
    const changed = [...lines];
    changed[20] = 'access-list A deny 20';
    const [s] = diffSections(
      [{ id: 'access-lists', title: '', lines }],
      [{ id: 'access-lists', title: '', lines: changed }],
    );
    assert.ok(s);
    assert.deepEqual(s.rows[0], { kind: 'skip', count: 17 });
    assert.deepEqual(s.rows[s.rows.length - 1], { kind: 'skip', count: 16 });
  });
});

describe('passwords', () => {
  test('scrypt with a per-user salt; wrong passwords and malformed hashes fail', async () => {
    const h1 = await hashPassword('correct horse battery', { logN: 10 });
    const h2 = await hashPassword('correct horse battery', { logN: 10 });
    assert.notEqual(h1, h2);
    assert.equal(await verifyPassword('correct horse battery', h1), true);
    assert.equal(await verifyPassword('correct horse batterY', h1), false);
    assert.equal(await verifyPassword('x', 'plain'), false);
    assert.equal(await verifyPassword('x', 'scrypt$99$8$1$AAAA$AAAA'), false);
    assert.equal(checkPasswordPolicy('short'), 'the password must have at least 12 characters');
    assert.equal(checkPasswordPolicy(generatePassword()), undefined);
  });
});

describe('login token and origin check', () => {
  test('HMAC token: valid for two hours, bound to the server secret', () => {
    const { dir, cleanup } = tempDir();
    const { dir: dir2, cleanup: cleanup2 } = tempDir();
    try {
      const s = Store.open(dir);
      const other = Store.open(dir2);
      const now = Date.now();
      const t = loginToken(s, now);
      assert.equal(verifyLoginToken(s, t, now), true);
      assert.equal(verifyLoginToken(s, t, now + 119 * 60000), true);
      assert.equal(verifyLoginToken(s, t, now + 121 * 60000), false);
      assert.equal(verifyLoginToken(other, t, now), false, 'another server secret');
      assert.equal(
        verifyLoginToken(s, loginToken(s, now + 10 * 60000), now),
        false,
        'from the future',
      );
      assert.equal(verifyLoginToken(s, '', now), false);
      assert.equal(verifyLoginToken(s, null, now), false);
      s.close();
      other.close();
    } finally {
      cleanup();
      cleanup2();
    }
  });

  test('same-origin check', () => {
    const req = (headers: Record<string, string>) =>
      ({ headers: { host: '127.0.0.1:8080', ...headers } }) as unknown as IncomingMessage;
    assert.equal(sameOrigin(req({})), true);
    assert.equal(sameOrigin(req({ origin: 'http://127.0.0.1:8080' })), true);
    assert.equal(sameOrigin(req({ origin: 'null', 'sec-fetch-site': 'same-origin' })), true);
    assert.equal(sameOrigin(req({ origin: 'http://127.0.0.1:8081' })), false);
    assert.equal(sameOrigin(req({ 'sec-fetch-site': 'same-site' })), false);
    assert.equal(sameOrigin(req({ referer: 'http://evil.example/' })), false);
    assert.equal(sameOrigin(req({ origin: 'not a url' })), false);
  });

  test('cookie parsing', () => {
    assert.deepEqual(
      [...parseCookies('a=1; b=2;c=3=4; =x; d')],
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '3=4'],
      ],
    );
  });
});
