/** The VM ranges of issue 13 in the exports and the packed message: CSV columns, SVG whiskers, HTML text. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PLAN, whatIfOf } from '../../../test/webview/fixtures';
import { readCsv } from '../../../test/support/csv';
import { packVms, unpackVms } from '../packed';
import { CSV_COLUMNS, renderCsv } from './csv';
import { renderHtml } from './html';
import { vmRangeText } from './layout';
import { renderSvg } from './svg';

const schedule = whatIfOf(PLAN).schedule;

test('every scheduled VM carries low <= likely <= high; the CSV has them in its last columns', () => {
  assert.ok(schedule.vms.length > 0);
  for (const vm of schedule.vms) {
    assert.ok(vm.lowSeconds !== undefined && vm.highSeconds !== undefined, vm.id);
    assert.ok(vm.lowSeconds <= vm.totalSeconds && vm.totalSeconds <= vm.highSeconds, vm.id);
  }
  const rows = readCsv(renderCsv(schedule));
  const header = rows[0];
  assert.deepEqual(header.slice(-3), ['vm_low_seconds', 'vm_likely_seconds', 'vm_high_seconds']);
  assert.equal(header.length, CSV_COLUMNS.length);
  const db = rows.find((r) => r[header.indexOf('vm_id')] === 'db01');
  const vm = schedule.vms.find((v) => v.id === 'db01');
  assert.ok(db && vm);
  assert.equal(Number(db[header.indexOf('vm_high_seconds')]), vm.highSeconds);
});

test('the SVG draws a whisker per VM with a range, and the HTML table reads "≈ low-high (likely ...)"', () => {
  const svg = renderSvg(schedule);
  const whiskers = svg.match(/class="tl-vm-whisker"/g) ?? [];
  assert.equal(whiskers.length, schedule.vms.length);
  const html = renderHtml(schedule);
  const vm = schedule.vms[0];
  assert.ok(html.includes(`≈ ${vmRangeText(vm)} (likely`), vmRangeText(vm));
});

test('the packed message keeps the range', () => {
  const { vms } = unpackVms(packVms(schedule.vms, {}));
  for (const [i, vm] of vms.entries()) {
    assert.equal(vm.lowSeconds, schedule.vms[i].lowSeconds);
    assert.equal(vm.highSeconds, schedule.vms[i].highSeconds);
  }
});
