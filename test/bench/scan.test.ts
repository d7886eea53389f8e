import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanReferences, scanWords } from '../../bench/scan.js';

test('the scan yardstick counts lines, words and distinct words as a split would', () => {
  const text = 'access-list A extended permit ip any any\n object network A\r\n\thost  10.0.0.1 \n';
  const split = text.split('\n');
  const words = split.flatMap((l) => l.split(/[ \t\r]+/).filter(Boolean));
  assert.deepEqual(scanWords(text), {
    lines: split.length,
    words: words.length,
    distinct: new Set(words).size,
  });
});

test('the symbol table keeps every distinct word apart while it grows', () => {
  // enough words to double the table several times, with repeats and equal-length neighbours
  const all = Array.from({ length: 200_000 }, (_, i) => `w${(i * 7919) % 150_000}`);
  const r = scanWords(all.join(' '));
  assert.equal(r.words, all.length);
  assert.equal(r.distinct, new Set(all).size);
});

test('the references yardstick finds definitions and references by their positions', () => {
  const text = [
    'object network WEB',
    ' host 10.0.0.1',
    'object network SPARE',
    'object-group network SERVERS',
    ' network-object object WEB',
    ' network-object host 10.0.0.2',
    'object-group network ALL',
    ' group-object SERVERS',
    'access-list IN remark object NOT-A-REFERENCE',
    'access-list IN extended permit tcp object-group ALL object WEB eq www',
    'access-list IN extended permit ip any object MISSING',
    'access-list OUT extended deny ip any any',
    'access-group IN in interface inside',
  ].join('\n');
  assert.deepEqual(scanReferences(text), {
    lines: 13,
    // WEB SPARE SERVERS ALL IN OUT MISSING
    names: 7,
    // 2 objects, 2 groups, 4 access-list lines
    defs: 8,
    // WEB, SERVERS, ALL and WEB, MISSING, IN
    refs: 6,
    // SPARE and OUT
    unreferenced: 2,
  });
});
