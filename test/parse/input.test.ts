// Real configs are messy: encodings, compression, terminal residue. None of it may lose meaning,
// and input that is not a config gets one clear error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { decodeConfig } from '../../src/parse/input.js';
import { loadConfigBytes, loadConfigText } from '../../src/model/build.js';
import { InputError } from '../../src/parse/errors.js';

const CFG =
  'hostname fw1\ninterface GigabitEthernet0/0\n nameif inside\nobject network srv-ü\n host 10.0.0.1\n';

test('gzip is detected by magic bytes, not by name', () => {
  const t = decodeConfig(gzipSync(Buffer.from(CFG)), 'plain-name.cfg');
  assert.equal(t.gzip, true);
  assert.equal(t.text, CFG);
});

test('a truncated gzip is one clear error', () => {
  const gz = gzipSync(Buffer.from(CFG.repeat(50)));
  assert.throws(
    () => decodeConfig(gz.subarray(0, gz.length - 20), 'cut.gz'),
    (e: unknown) => e instanceof InputError && /corrupt or truncated gzip/.test(e.message),
  );
});

test('UTF-8 with BOM, UTF-16 LE/BE with and without BOM', () => {
  assert.equal(
    decodeConfig(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CFG)]), 'x').text,
    CFG,
  );
  const le = Buffer.from(CFG, 'utf16le');
  assert.equal(decodeConfig(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'x').text, CFG);
  assert.equal(decodeConfig(le, 'x').encoding, 'utf-16le');
  const be = Buffer.from(le);
  be.swap16();
  assert.equal(decodeConfig(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'x').text, CFG);
  assert.equal(decodeConfig(be, 'x').text, CFG);
  // a truncated file: the odd last byte is no character, with or without a byte-order mark
  for (const bom of [[0xff, 0xfe], [0xfe, 0xff], []]) {
    const body = bom[0] === 0xfe ? be : le;
    const odd = Buffer.concat([Buffer.from(bom), body, Buffer.from([0x41])]);
    assert.equal(decodeConfig(odd, 'x').text, CFG);
  }
});

test('invalid UTF-8 falls back to latin1, byte for byte', () => {
  const bytes = Buffer.from('hostname fw1\nobject network caf\xe9\n host 10.0.0.1\n', 'latin1');
  const t = decodeConfig(bytes, 'x');
  assert.equal(t.encoding, 'latin1');
  assert.equal(Buffer.from(t.text, 'latin1').equals(bytes), true);
  assert.ok(loadConfigText(t.text, 'x').objects.has('caf\xe9'));
});

test('binary data is refused with one line', () => {
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919) % 256;
  assert.throws(
    () => loadConfigBytes(bin, 'blob.bin'),
    (e: unknown) =>
      e instanceof InputError &&
      e.message === 'blob.bin: not a configuration: the input is binary data',
  );
});

test('empty input and plain prose are not configurations', () => {
  assert.throws(
    () => loadConfigText('', 'empty.cfg'),
    (e: unknown) => e instanceof InputError && /empty input/.test(e.message),
  );
  assert.throws(
    () => loadConfigText('Dear customer,\nplease find attached\n', 'letter.txt'),
    (e: unknown) =>
      e instanceof InputError && /^letter\.txt:1: not an ASA configuration/.test(e.message),
  );
});

test('CRLF, saved headers, checksum, end, prompts and pager residue are meta lines', () => {
  const text = [
    ': Saved',
    ': Written by enable_15 at 10:14:02.123 CET Mon Jan 11 2021',
    'fw1# show running-config',
    'ASA Version 9.16(4) ',
    'hostname fw1',
    'access-list A extended permit ip any any',
    '<--- More --->              access-list A extended deny ip any any',
    'Cryptochecksum:0123456789abcdef',
    ': end',
    '',
  ].join('\r\n');
  const c = loadConfigText(text, 'x');
  assert.equal(c.header.writtenBy, 'enable_15 at 10:14:02.123 CET Mon Jan 11 2021');
  assert.equal(c.header.version, '9.16(4)');
  assert.equal(c.header.hostname, 'fw1');
  assert.deepEqual(
    c.accessLists.get('A')?.entries.map((e) => [e.line.n, e.line.raw]),
    [
      [6, 'access-list A extended permit ip any any'],
      [7, 'access-list A extended deny ip any any'],
    ],
  );
  assert.deepEqual(
    c.meta.filter((m) => m.kind !== 'blank').map((m) => m.kind),
    ['saved-header', 'saved-header', 'prompt', 'checksum', 'end'],
  );
  assert.equal(c.unknown.length, 0);
});

test('lines that end in a carriage return alone are lines', () => {
  const text = [
    'hostname fw1',
    'interface GigabitEthernet0/1',
    ' nameif inside',
    'access-list IN extended permit ip any any',
    'access-group IN in interface inside',
    '',
  ].join('\r');
  const c = loadConfigBytes(Buffer.from(text), 'mac.cfg');
  assert.equal(c.header.hostname, 'fw1');
  assert.equal(c.interfacesByNameif.get('inside')?.line.n, 2);
  assert.deepEqual(
    c.accessGroups.map((a) => [a.line.n, a.acl, a.interface]),
    [[5, 'IN', 'inside']],
  );
  assert.deepEqual(c.warnings, []);
  // CRLF stays CRLF, and a carriage return inside a line of such a text is a terminal's
  const crlf = decodeConfig(Buffer.from('hostname fw1\r\nnames\r\n'), 'x').text;
  assert.equal(crlf, 'hostname fw1\r\nnames\r\n');
});

test('unknown commands are kept with line numbers and counted, never fatal', () => {
  const c = loadConfigText(
    'hostname fw1\nfrobnicate the widget\ninterface Gi0/0\n nameif in\n quantum-tunnel enable\n',
    'x',
  );
  assert.deepEqual(
    c.unknown.map((l) => [l.n, l.raw]),
    [
      [2, 'frobnicate the widget'],
      [5, ' quantum-tunnel enable'],
    ],
  );
});

test('hex certificate blocks ending in quit stay inside their chain', () => {
  const c = loadConfigText(
    'crypto ca trustpoint TP\n enrollment terminal\ncrypto ca certificate chain TP\n certificate ca 01\n    30820122 300d0609\n    2a864886\n  quit\nhostname fw1\n',
    'x',
  );
  const cert = c.trustpoints.get('TP')?.certificates[0];
  assert.equal(cert?.hex, '30820122300d06092a864886');
  assert.equal(cert?.ca, true);
  assert.equal(c.header.hostname, 'fw1');
});

test('config-mode scripts: exit and clear configure are known', () => {
  const c = loadConfigText(
    'configure terminal\ninterface Vlan1\n  nameif inside\nexit\nclear configure access-list\naccess-list X extended permit ip any any\nend\n',
    'x',
  );
  assert.equal(c.unknown.length, 0);
  assert.equal(c.interfacesByNameif.get('inside')?.hw, 'Vlan1');
});
