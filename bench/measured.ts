/**
 * Speed of measured migrations (issue 14; targets: each under 1 s): reading a 10,000-row vSphere
 * Client task list export and matching it to a 5,000-VM runbook (what `runbook actuals` does
 * before writing), and re-forecasting the 5,000-VM plan with actuals for half of its waves' moves
 * (forecast/forecast.ts on the plan's schedule). Both built here from test/support/generateRunbook.ts.
 * Prints the median of --runs runs (>= 3) in wall and CPU milliseconds.
 *
 * Usage: node out/bench/measured.js [--rows 10000] [--vms 5000] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { readMeasured } from '../import/src/measured/index';
import { matchMeasured } from '../import/src/measured/match';
import { analyze } from '../server/src/engine/analyze';
import { forecastPlan } from '../server/src/engine/forecast/forecast';
import type { ActualMigration } from '../shared/src/measured';
import { generateRunbook } from '../test/support/generateRunbook';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function time(label: string, runs: number, step: () => unknown): void {
  const wall: number[] = [];
  const cpu: number[] = [];
  step();
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    step();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(`${label}: median ${median(wall).toFixed(0)} ms wall, ${median(cpu).toFixed(0)} ms CPU (${runs} runs)`);
}

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, vms: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' } } });
const rows = Number(values.rows);
const vms = Number(values.vms);
const runs = Math.max(3, Number(values.runs));
const text = generateRunbook({ vms });
const analysis = analyze(text);
const ids = [...analysis.model.vms.keys()];

// A task list export: migrations of the runbook's VMs (some unknown, some failed), snapshots between.
const pad = (n: number): string => String(n).padStart(2, '0');
const when = (minutes: number): string => {
  const d = new Date(Date.UTC(2026, 11, 2, 22, 0, 0) + minutes * 60_000);
  const h = d.getUTCHours();
  return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${d.getUTCFullYear()}, ${pad(((h + 11) % 12) + 1)}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
};
const lines = ['"Task Name","Target","Status","Details","Initiator","Queued For","Start Time","Completion Time","Server"'];
for (let i = 0; i < rows; i++) {
  const vm = i % 97 === 0 ? `unknown-${i}` : ids[i % ids.length];
  const task = i % 5 === 4 ? 'Create virtual machine snapshot' : 'Relocate virtual machine';
  const status = i % 50 === 7 ? 'A general system error occurred: Timeout' : 'Completed';
  lines.push(`"${task}","${vm}","${status}","","VSPHERE.LOCAL\\\\svc","3 ms","${when(i % 600)}","${when((i % 600) + 7)}","vc01.example.com"`);
}
const csv = lines.join('\r\n');
time(`read + match a ${rows}-row task export to a ${vms}-VM runbook`, runs, () => matchMeasured(readMeasured(csv, 'tasks.csv', { utcOffset: '-06:00', dateOrder: 'mdy' }), analysis.model));

// Actuals: the first half of every wave's moves finished 20 % late, the next one running.
const schedule = analysis.estimate.schedule;
const actuals: ActualMigration[] = [];
for (const w of schedule.waves) {
  const half = Math.floor(w.vms.length / 2);
  w.vms.slice(0, half).forEach((v) => actuals.push({ vm: v.vmId, startEpochMs: v.startEpochMs, endEpochMs: v.startEpochMs + (v.endEpochMs - v.startEpochMs) * 1.2, status: 'succeeded' }));
  const next = w.vms[half];
  if (next) actuals.push({ vm: next.vmId, startEpochMs: next.startEpochMs, status: 'running' });
}
const now = schedule.waves[Math.floor(schedule.waves.length / 2)]?.startEpochMs ?? schedule.startEpochMs;
time(`re-forecast a ${vms}-VM plan (${actuals.length} recorded moves)`, runs, () => forecastPlan(schedule, { migrations: actuals, steps: [] }, now));
// In the editor and `runbook status` the forecast rides on a full analysis of the runbook: its cost beside one without actuals.
time(`full analysis of the ${vms}-VM runbook without actuals`, runs, () => analyze(text, { nowEpochMs: now }));
time(`full analysis of the ${vms}-VM runbook with the actuals (incl. re-forecast)`, runs, () => analyze(text, { nowEpochMs: now, actuals: { migrations: actuals, steps: [] } }));
