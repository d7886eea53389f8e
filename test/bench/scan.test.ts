import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanWords } from '../../bench/scan.js';

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
