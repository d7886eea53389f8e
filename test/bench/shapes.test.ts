// The stress shapes (bench/shapes.ts) are configurations the parser reads in full: otherwise the
// stress run would time how fast unknown lines are skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHAPES, shapeConfig } from '../../bench/shapes.js';
import { loadConfigText } from '../../src/model/build.js';

test('every stress shape is read in full, and grows with n', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    const small = loadConfigText(shapeConfig(shape, 50), name);
    assert.deepEqual(
      small.unknown.map((l) => `${l.n}: ${l.raw}`),
      [],
      `${name}: unknown lines`,
    );
    assert.deepEqual(small.warnings, [], `${name}: warnings`);
    const big = loadConfigText(shapeConfig(shape, 200), name);
    assert.ok(big.tree.lineCount >= 200 && big.tree.lineCount > small.tree.lineCount, name);
    assert.ok(big.interfacesByNameif.has('outside'), `${name}: extract needs outside`);
  }
});
