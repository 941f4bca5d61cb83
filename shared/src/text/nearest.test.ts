import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance, nearest } from './nearest';

test('edit distance: substitutions, insertions, one-step transpositions', () => {
  assert.equal(editDistance('Gbs', 'Gbps'), 1);
  assert.equal(editDistance('rop', 'rpo'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('edit distance: case can cost less, and a limit stops early above it', () => {
  assert.equal(editDistance('gbps', 'Gbps', { caseCost: 0.5 }), 0.5);
  assert.equal(editDistance('gbps', 'Gbps'), 1);
  assert.ok(editDistance('abcdefgh', 'zyxwvuts', { limit: 2 }) > 2);
  assert.equal(editDistance('abcdefgh', 'abcdefhg', { limit: 2 }), 1);
});

test('nearest ignores case and separators, and declines far-off words', () => {
  assert.equal(nearest('Replication_Async', ['replication-async', 'replication-sync']), 'replication-async');
  assert.equal(nearest('wan-optimised', ['tcp', 'wan-optimized']), 'wan-optimized');
  assert.equal(nearest('carrier-pigeon', ['shared', 'storage-vmotion']), undefined);
});
