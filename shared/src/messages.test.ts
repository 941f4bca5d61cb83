import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asHostMessage, asPageMessage, asViewState, isFresh } from './messages';

test('isFresh: older versions and superseded what-if answers are stale; another document is not', () => {
  const shown = { uri: 'a', version: 5, requestId: 2 };
  const rows: [typeof shown | undefined, typeof shown, number, boolean][] = [
    [undefined, { uri: 'a', version: 1, requestId: 0 }, 0, true],
    [shown, { uri: 'a', version: 4, requestId: 2 }, 2, false],
    [shown, { uri: 'a', version: 5, requestId: 2 }, 2, true],
    [shown, { uri: 'a', version: 6, requestId: 2 }, 2, true],
    [shown, { uri: 'a', version: 6, requestId: 1 }, 2, false],
    [shown, { uri: 'b', version: 1, requestId: 2 }, 2, true],
  ];
  for (const [s, incoming, last, expected] of rows) assert.equal(isFresh(s, incoming, last), expected, JSON.stringify([s, incoming, last]));
});

test('messages from the page and the host are validated', () => {
  assert.equal(asPageMessage({ type: 'reveal', uri: 'a', version: 1, vmId: 'x', line: 3 })?.type, 'reveal');
  assert.equal(asPageMessage({ type: 'reveal', uri: 'a', version: 1, vmId: 'x', line: '3' }), undefined);
  assert.equal(asPageMessage({ type: 'reveal', uri: 'a', version: 1, vmId: '', stepId: 'freeze', line: 3 })?.type, 'reveal');
  assert.equal(asPageMessage({ type: 'reveal', uri: 'a', version: 1, vmId: '', stepId: 7, line: 3 }), undefined);
  assert.equal(asPageMessage({ type: 'whatIf', uri: 'a', version: 1, requestId: 1, overrides: [] }), undefined);
  assert.equal(asPageMessage({ type: 'nope' }), undefined);
  assert.equal(asPageMessage(null), undefined);
  assert.equal(asHostMessage({ type: 'update', uri: 'a', version: 1, requestId: 0, result: { schedule: {} } })?.type, 'update');
  assert.equal(asHostMessage({ type: 'update', uri: 'a', version: 1, requestId: 0, result: {} }), undefined);
  assert.equal(asHostMessage({ type: 'status', kind: 'html', message: 'x' }), undefined);
  const state = asViewState({ uri: 'u', locked: true, pxPerMs: -1, scrollLeft: 'x', scrollTop: 4, view: 'table', overrides: 3 });
  assert.deepEqual(state, { uri: 'u', locked: true, pxPerMs: undefined, scrollLeft: 0, scrollTop: 4, selectedVmId: undefined, view: 'table', overrides: {}, whatIfWave: undefined, showRollback: undefined, waveView: undefined });
  assert.equal(asViewState({ showRollback: true })?.showRollback, true);
  assert.equal(asViewState({ waveView: 2 })?.waveView, 2);
  assert.equal(asViewState({ waveView: 'x' })?.waveView, undefined);
});
