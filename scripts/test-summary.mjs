// The closing line of `npm test` and the CI rule for skips (scripts/test-all.mjs; unit-tested in
// test/scripts/testSummary.test.ts).

/** `588 passed, 0 failed, 7 skipped`: skips always counted, never silent. */
export function closingLine(passed, failed, skipped) {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/** Whether this is a CI run (CI=true or 1, as GitHub Actions and .ci/run set it): there a skip fails the run. */
export function isCi(env) {
  const value = String(env.CI ?? '').toLowerCase();
  return value !== '' && value !== '0' && value !== 'false';
}
