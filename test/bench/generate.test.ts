// The benchmark config generator: determinism, size targets, unique customer nameifs, and (with
// a small liveness check of its own output format) that a clean config has nothing unused or
// undefined while a `defects` config has exactly the planted defects.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  asFirepower,
  generateConfig,
  mulberry32,
  type GeneratedConfig,
} from '../../bench/generate.js';
import { loadConfigText } from '../../src/model/build.js';
import { extract } from '../../src/extract/extract.js';
import { loadForExtract } from '../../src/extract/load.js';

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const isMask = (t: string | undefined): boolean => t !== undefined && t.startsWith('255.');

interface Analysis {
  unused: string[]; // "kind:name", unreachable from any root (so chains count)
  undefined: string[]; // "kind:name"
  rawAddresses: string[]; // "<acl or group>:<address>"
  namesWithoutDot: string[];
  portChannelsWithoutMac: string[];
  incompleteEntries: string[];
}

/** A deliberately small analysis of the generator's own output (not a general ASA parser). */
function analyse(text: string): Analysis {
  const lines = text.split('\n');
  const defined = new Set<string>();
  const edges = new Map<string, Set<string>>(); // referrer -> referenced
  const ROOT = 'root:';
  const ref = (from: string, to: string): void => {
    let set = edges.get(from);
    if (!set) edges.set(from, (set = new Set()));
    set.add(to);
  };
  const nameAddr = new Map<string, string>(); // ip -> name key
  const raw: string[] = [];
  const noDot: string[] = [];
  const pcNoMac: string[] = [];
  const entries = new Map<string, Set<string>>(); // "map seq" -> set of "match"/"peer"/"ts"

  // Address operands (host X, X MASK, object X, object-group X) inside one line.
  const operands = (from: string, tokens: string[], rawOwner: string): void => {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[i + 1];
      if (t === 'object' || t === 'object-group' || t === 'group-object') {
        if (next !== undefined) ref(from, `net:${next}`);
        i++;
      } else if (t === 'host' && next !== undefined) {
        if (IPV4.test(next)) raw.push(`${rawOwner}:${next}`);
        else ref(from, `name:${next}`);
        i++;
      } else if (isMask(next) && !isMask(t)) {
        if (IPV4.test(t)) raw.push(`${rawOwner}:${t}`);
        else ref(from, `name:${t}`);
        i++;
      }
    }
  };

  let block = ''; // the definition the indented lines belong to
  let pc = '';
  let pcHasMac = false;
  const endPc = (): void => {
    if (pc && !pcHasMac) pcNoMac.push(pc);
    pc = '';
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const tok = line.trim().split(' ');
    if (!line.startsWith(' ')) {
      endPc();
      block = '';
    }
    if (line.startsWith('interface Port-channel') && !line.includes('.')) {
      pc = tok[1]!;
      pcHasMac = false;
    } else if (line.startsWith(' mac-address ') && line.includes(' standby ')) {
      pcHasMac = true;
    } else if (line.startsWith('name ')) {
      defined.add(`name:${tok[2]}`);
      nameAddr.set(tok[1]!, `name:${tok[2]}`);
      if (IPV4.test(tok[1]!) && !tok[2]!.endsWith('.')) noDot.push(tok[2]!);
    } else if (line.startsWith('object network ') || line.startsWith('object service ')) {
      // A re-opened object holding only its NAT rule is a NAT root, not a second definition.
      const isNat = lines[n + 1]?.startsWith(' nat (') ?? false;
      if (isNat) ref(ROOT, `net:${tok[2]}`);
      else defined.add(`net:${tok[2]}`);
      block = `net:${tok[2]}`;
    } else if (line.startsWith('object-group ')) {
      defined.add(`net:${tok[2]}`);
      block = `net:${tok[2]}`;
    } else if (line.startsWith(' network-object ') || line.startsWith(' group-object ')) {
      operands(block, tok, block.slice(4));
    } else if (line.startsWith(' service-object object ')) {
      ref(block, `net:${tok[2]}`);
    } else if (line.startsWith(' nat (')) {
      const mapped = tok[tok.length - 1]!;
      if (!IPV4.test(mapped) && mapped !== 'interface') ref(ROOT, `net:${mapped}`);
    } else if (line.startsWith('access-list ')) {
      const acl = `acl:${tok[1]}`;
      defined.add(acl);
      if (tok[2] !== 'remark') operands(acl, tok.slice(3), tok[1]!);
    } else if (line.startsWith('access-group ')) {
      ref(ROOT, `acl:${tok[1]}`);
    } else if (line.startsWith('nat (')) {
      for (let i = 2; i < tok.length; i++) {
        const t = tok[i]!;
        if (!['source', 'destination', 'static', 'dynamic', 'interface', 'any'].includes(t)) {
          if (!t.startsWith('no-proxy') && t !== 'route-lookup' && t !== 'after-auto') {
            ref(ROOT, `net:${t}`);
          }
        }
      }
    } else if (line.startsWith('crypto ipsec ikev1 transform-set ')) {
      defined.add(`ts:${tok[4]}`);
    } else if (line.startsWith('crypto ipsec ikev2 ipsec-proposal ')) {
      defined.add(`prop:${tok[4]}`);
    } else if (line.startsWith('crypto map ')) {
      const map = `map:${tok[2]}`;
      if (tok[3] === 'interface') {
        ref(ROOT, map);
        continue;
      }
      defined.add(map);
      const entry = `${tok[2]} ${tok[3]}`;
      let e = entries.get(entry);
      if (!e) entries.set(entry, (e = new Set()));
      const rest = tok.slice(4).join(' ');
      if (rest.startsWith('match address ')) {
        ref(map, `acl:${tok[6]}`);
        e.add('match');
      } else if (rest.startsWith('set peer ')) {
        const peer = tok[6]!;
        const viaName = IPV4.test(peer) ? undefined : peer;
        if (viaName) ref(map, `name:${viaName}`);
        ref(map, `tg:${peer}`);
        e.add('peer');
      } else if (rest.startsWith('set ikev1 transform-set ')) {
        ref(map, `ts:${tok[7]}`);
        e.add('ts');
      } else if (rest.startsWith('set ikev2 ipsec-proposal ')) {
        ref(map, `prop:${tok[7]}`);
        e.add('ts');
      }
    } else if (line.startsWith('tunnel-group ') && tok[2] === 'type') {
      defined.add(`tg:${tok[1]}`);
      block = `tg:${tok[1]}`;
    } else if (line.startsWith('tunnel-group ')) {
      block = `tg:${tok[1]}`;
    } else if (line.startsWith(' default-group-policy ')) {
      ref(block, `gp:${tok[1]}`);
    } else if (line.startsWith('group-policy ') && tok[2] === 'internal') {
      defined.add(`gp:${tok[1]}`);
    }
  }
  endPc();

  // Liveness from the roots (chains: what only unused things use is unused too).
  const live = new Set<string>();
  const stack = [ROOT];
  while (stack.length > 0) {
    const k = stack.pop()!;
    for (const to of edges.get(k) ?? []) {
      if (!live.has(to)) {
        live.add(to);
        stack.push(to);
      }
    }
  }
  const referenced = new Set<string>();
  for (const set of edges.values()) for (const to of set) referenced.add(to);
  return {
    unused: [...defined].filter((d) => !live.has(d)).sort(),
    // A peer without a tunnel-group falls back to DefaultL2LGroup: not an undefined reference.
    undefined: [...referenced].filter((r) => !defined.has(r) && !r.startsWith('tg:')).sort(),
    rawAddresses: raw,
    namesWithoutDot: noDot,
    portChannelsWithoutMac: pcNoMac,
    incompleteEntries: [...entries]
      .filter(([, e]) => !(e.has('match') && e.has('peer') && e.has('ts')))
      .map(([k]) => k),
  };
}

function lineCount(cfg: GeneratedConfig): number {
  return cfg.text.split('\n').length - 1;
}

describe('bench/generate', () => {
  it('mulberry32 is deterministic and uniform-ish', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    const xs = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.05, `mean ${mean}`);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const one = generateConfig({ targetLines: 20_000, seed: 42, defects: true });
    const two = generateConfig({ targetLines: 20_000, seed: 42, defects: true });
    assert.equal(one.text, two.text);
    assert.deepEqual(one.customers, two.customers);
    assert.deepEqual(one.planted, two.planted);
    const other = generateConfig({ targetLines: 20_000, seed: 43, defects: true });
    assert.notEqual(one.text, other.text);
  });

  for (const target of [10_000, 200_000]) {
    it(`honours targetLines ${target} within 5%`, () => {
      const cfg = generateConfig({ targetLines: target, seed: 3 });
      assert.equal(cfg.lines, lineCount(cfg));
      assert.ok(
        Math.abs(cfg.lines - target) <= target * 0.05,
        `${cfg.lines} lines for a target of ${target}`,
      );
      assert.ok(cfg.customers.length >= 2);
    });
  }

  it('honours targetLines with an explicit customer count', () => {
    const cfg = generateConfig({ targetLines: 50_000, customers: 40, seed: 9 });
    assert.equal(cfg.customers.length, 40);
    assert.ok(Math.abs(cfg.lines - 50_000) <= 2_500, `${cfg.lines} lines`);
  });

  it('gives every customer a unique nameif with its own subinterface', () => {
    const cfg = generateConfig({ targetLines: 200_000, seed: 11 });
    assert.equal(new Set(cfg.customers).size, cfg.customers.length);
    for (const nameif of cfg.customers) assert.match(nameif, /^c\d+-[a-z]+$/);
    const nameifLines = cfg.text.match(/^ nameif c\d+-[a-z]+$/gm) ?? [];
    assert.deepEqual(
      nameifLines.map((l) => l.slice(' nameif '.length)),
      cfg.customers,
    );
    assert.match(cfg.text, /^: Saved\n/);
    assert.match(cfg.text, /\nCryptochecksum:[0-9a-f]{32}\n: end\n$/);
  });

  it('a clean config has nothing unused, undefined, raw, dot-less, incomplete or MAC-less', () => {
    for (const seed of [1, 2, 3]) {
      const cfg = generateConfig({ targetLines: 30_000, seed });
      assert.deepEqual(cfg.planted, []);
      const a = analyse(cfg.text);
      assert.deepEqual(a.unused, [], `seed ${seed}`);
      assert.deepEqual(a.undefined, [], `seed ${seed}`);
      assert.deepEqual(a.rawAddresses, [], `seed ${seed}`);
      assert.deepEqual(a.namesWithoutDot, [], `seed ${seed}`);
      assert.deepEqual(a.portChannelsWithoutMac, [], `seed ${seed}`);
      assert.deepEqual(a.incompleteEntries, [], `seed ${seed}`);
    }
  });

  it('plants exactly the listed defects', () => {
    const cfg = generateConfig({ targetLines: 30_000, seed: 5, defects: true });
    const a = analyse(cfg.text);
    const kindKey: Record<string, string> = {
      'access-list': 'acl',
      object: 'net',
      'object-group': 'net',
      name: 'name',
      'transform-set': 'ts',
      'crypto-map': 'map',
    };
    const planted = (rule: string): typeof cfg.planted =>
      cfg.planted.filter((d) => d.rule === rule);
    assert.deepEqual(
      a.unused,
      planted('unused')
        .map((d) => `${kindKey[d.kind]}:${d.name}`)
        .sort(),
    );
    assert.deepEqual(
      a.undefined,
      planted('undefined').map((d) => `net:${d.name}`),
    );
    assert.deepEqual(
      a.rawAddresses.map((r) => r.split(':')[0]),
      planted('raw-address').map((d) => d.name),
    );
    assert.deepEqual(
      a.namesWithoutDot,
      planted('name-trailing-dot').map((d) => d.name),
    );
    assert.deepEqual(
      a.incompleteEntries,
      planted('incomplete-crypto-map').map((d) => d.name),
    );
    assert.deepEqual(
      a.portChannelsWithoutMac,
      planted('portchannel-failover-mac').map((d) => d.name),
    );
    assert.equal(cfg.planted.length, 13);
  });

  it('scales to a large config quickly', () => {
    const t0 = Date.now();
    const cfg = generateConfig({ targetLines: 300_000, seed: 1 });
    const ms = Date.now() - t0;
    assert.ok(Math.abs(cfg.lines - 300_000) <= 15_000);
    assert.ok(ms < 10_000, `${ms} ms`);
  });
});

describe('asFirepower (the configuration as an FMC-managed FTD prints it)', () => {
  it('moves every interface ACL into CSM_FW_ACL_, scoped by ifc, and each customer extracts the same entries', () => {
    const g = generateConfig({ targetLines: 6_000, seed: 5, defects: false });
    const ftd = asFirepower(g.text);
    const asa = loadConfigText(g.text, 'asa.cfg');
    const fw = loadConfigText(ftd, 'ftd.cfg');
    assert.equal(fw.header.platform, 'NGFW');
    assert.equal(fw.unknown.length, 0);
    assert.deepEqual(
      fw.accessGroups.map((a) => `${a.acl} ${a.direction}`),
      ['CSM_FW_ACL_ global'],
    );
    for (const nameif of g.customers.slice(0, 4)) {
      // the entries of the customer's own ACLs, and the FTD extract's, in the same order
      const own = asa.accessGroups
        .filter((a) => a.interface === nameif)
        .flatMap((a) => asa.accessLists.get(a.acl)?.entries ?? [])
        .filter((e) => e.id !== 'acl-remark').length;
      const text = extract(loadForExtract(ftd, 'ftd.cfg', [nameif]).config, [nameif]).text;
      const printed = text.split('\n').filter((l) => l.startsWith('access-list CSM_FW_ACL_ adv'));
      assert.equal(printed.length, own, nameif);
      assert.ok(
        printed.every((l) => l.includes(` ifc ${nameif} `)),
        nameif,
      );
    }
  });
});
