// The bundled example (examples/hosting.cfg): five customers on one ASA. Each customer's extract
// must not contain a single word that belongs only to another customer — object, group, name,
// ACL, remark/description marker, interface or address — compared by exact token (the example
// has `web` for iks-lab and `web-old` for Initech on purpose).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfigBytes } from '../../src/model/build.js';
import { extract } from '../../src/extract/extract.js';
import type { Config } from '../../src/model/types.js';
import { examplesDir } from '../support/paths.js';
import {
  NOW,
  assertSelfContained,
  omittedCount,
  definitionsBeforeUse,
  referenceTokens,
  reparse,
  tokens,
} from './util.js';

const config: Config = loadConfigBytes(
  readFileSync(join(examplesDir, 'hosting.cfg')),
  'examples/hosting.cfg',
);

/**
 * What belongs to one customer only, read off the example by hand: structures named for the
 * customer or used by no other interface, the contract number in its remarks and description,
 * its interface (hardware name, nameif, address).
 */
const PRIVATE: Record<string, { words: string[]; mustHave: string[] }> = {
  'cust-acme': {
    words: [
      'acme-web01',
      'acme-web02',
      'acme-db01',
      'acme-lan',
      'acme-backend',
      'acme-app-range',
      'acme-office-lan',
      'acme-ra-pool',
      'acme-app',
      'acme-web',
      'acme-db',
      'acme-servers',
      'acme-all',
      'acme-office',
      'cust-acme_access_in',
      'cust-acme_access_out',
      'acme-vpn-traffic',
      'ACME-SPLIT',
      'ACME-RA-FILTER',
      'acme-conn-limit',
      'mail.example.com',
      'www.example.net',
      'HST-2014-0117',
      'Port-channel1.101',
      'cust-acme',
      '10.1.101.1',
      '203.0.113.11',
      '88213',
    ],
    mustHave: [
      'acme-all',
      'acme-servers',
      'acme-web',
      'acme-db',
      'acme-web01',
      'acme-db01',
      'acme-app',
      'ADMIN-NETS',
      'NOC-NETS',
      'acme-office-lan',
      'acme-ra-pool',
    ],
  },
  'cust-globex': {
    words: [
      'globex-web',
      'globex-web-pub',
      'globex-app01',
      'globex-lan',
      'globex-partner-net',
      'globex-db-old',
      'globex-servers',
      'globex-legacy',
      'GLOBEX-WEB-PORTS',
      'svc-https-alt',
      'cust-globex_access_in',
      'cust-globex_access_out',
      'globex-vpn-traffic',
      'globex-vpn-2018',
      'globex-backup',
      'HST-2015-0342',
      'Port-channel1.102',
      'cust-globex',
      '10.1.102.1',
    ],
    mustHave: [
      'globex-servers',
      'globex-web',
      'globex-web-pub',
      'GLOBEX-WEB-PORTS',
      'ADMIN-NETS',
      'ADMIN-SVC',
    ],
  },
  'iks-lab': {
    words: [
      'web',
      'iks-lab-net',
      'iks-lab-pat',
      'iks-lab-hosts',
      'iks-lab_access_in',
      'updates.example.org',
      'ns1.example.net.',
      'www6.example.net',
      'Port-channel1.103',
      'iks-lab',
      '10.1.103.1',
      '203.0.113.31',
    ],
    mustHave: [
      'web',
      'iks-lab-hosts',
      'iks-lab-net',
      'iks-lab-pat',
      'ns1.example.net.',
      'ADMIN-NETS',
    ],
  },
  'cust-initech': {
    words: [
      'web-old',
      'initech-lan',
      'initech-vpn-gw',
      'initech-ftp01',
      'initech-old-ports',
      'VPN-PROTOS',
      'smtp-relay.example.com',
      'cust-initech_access_in',
      'HST-2016-0021',
      'Port-channel1.104',
      'cust-initech',
      '10.1.104.1',
      '203.0.113.41',
    ],
    mustHave: [
      'web-old',
      'initech-lan',
      'initech-vpn-gw',
      'VPN-PROTOS',
      'smtp-relay.example.com',
      'ADMIN-NETS',
    ],
  },
  'cust-umbrella': {
    words: [
      'umbrella-mx',
      'umbrella-lan',
      'umbrella-smtps',
      'umbrella-mail-svc',
      'cust-umbrella_access_in',
      'cust-umbrella_access_in_2019',
      'HST-2018-0730',
      'Port-channel1.105',
      'cust-umbrella',
      '10.1.105.1',
    ],
    mustHave: ['umbrella-mx', 'umbrella-lan', 'umbrella-mail-svc', 'umbrella-smtps', 'ADMIN-NETS'],
  },
};

/** Structures that list every customer (or belong to the provider's own interfaces). */
const NOBODY = [
  'CUST-PRIVATE-NETS',
  'inside_access_in',
  'outside_access_in',
  'dmz-shared_access_in',
  'BACKUP-TARGETS',
  'legacy-dc-net',
  'old-vpn-acl',
  'inside-lan',
];

/** The addresses of a customer's private objects, as the original configuration defines them. */
function addressesOf(names: string[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const v = config.objects.get(n)?.value;
    if (v?.type === 'host' || v?.type === 'subnet') out.push(v.address);
    if (v?.type === 'range') out.push(v.first, v.last);
  }
  return out;
}

const customers = Object.keys(PRIVATE);

test('hosting example: the customers are the example interfaces', () => {
  for (const c of customers) assert.ok(config.interfacesByNameif.has(c), c);
});

for (const me of customers) {
  test(`hosting example: ${me}'s extract holds nothing private to another customer`, () => {
    const r = extract(config, [me], { now: NOW });
    // structure names and addresses: as references (free text such as "shared web frontend"
    // is no use of the object `web`); contract and ticket numbers: anywhere, remarks included
    const refs = referenceTokens(r.text);
    const words = tokens(r.text);
    for (const other of customers) {
      if (other === me) continue;
      const priv = PRIVATE[other]?.words ?? [];
      for (const w of [...priv, ...addressesOf(priv)]) {
        const marker = /^(HST-|\d+$)/.test(w);
        assert.ok(
          !(marker ? words : refs).has(w),
          `${me}'s extract contains "${w}" (private to ${other})`,
        );
      }
    }
    for (const w of NOBODY) assert.ok(!refs.has(w), `${me}'s extract contains "${w}"`);
    for (const w of PRIVATE[me]?.mustHave ?? [])
      assert.ok(words.has(w), `${me}'s extract lacks its own "${w}"`);
    // the after-auto PAT of CUST-PRIVATE-NETS names every customer's LAN: left out and counted
    assert.ok(!r.text.includes('CUST-PRIVATE-NETS'));
    assert.ok(omittedCount(r.json.omitted, /nat/i) >= 1, JSON.stringify(r.json.omitted));
  });

  test(`hosting example: ${me}'s extract is self-contained and pasteable`, async () => {
    const r = extract(config, [me], { now: NOW });
    const c = reparse(r.text);
    assert.deepEqual(definitionsBeforeUse(c), []);
    await assertSelfContained(r.text);
  });
}
