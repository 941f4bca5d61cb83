/**
 * Timeline webview speed in headless Chromium (npm run bench:webview): the first render of a
 * 5,000-VM plan and an update of it, from the message's arrival (including the structured clone a
 * postMessage costs) to the frame after it is drawn. Prints the median of RUNS runs each.
 * Targets (issue 4): first render <= 500 ms, update <= 150 ms.
 */
import { generateRunbook } from '../test/support/generateRunbook';
import { launchChromium, openTimeline, skipReason } from '../test/webview/harness';
import { updateOf, whatIfOf } from '../test/webview/fixtures';
import { packUpdate } from '../shared/src/packed';

const RUNS = Number(process.env.RUNS ?? 7);
const VMS = Number(process.env.VMS ?? 5000);
/** PACKED=0 times the unpacked message (an object per VM), as the host sent it before packing. */
const PACKED = process.env.PACKED !== '0';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Times one message in the page: clone, dispatch (the page renders synchronously), two frames. */
const TIMED_POST = `(async (json) => {
  const data = JSON.parse(json);
  await new Promise((r) => requestAnimationFrame(() => r()));
  const t0 = performance.now();
  const copy = structuredClone(data);
  const t1 = performance.now();
  window.dispatchEvent(new MessageEvent('message', { data: copy }));
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const t2 = performance.now();
  return { cloneMs: t1 - t0, renderMs: t2 - t1, totalMs: t2 - t0 };
})`;

async function main(): Promise<void> {
  const skip = skipReason();
  if (skip) {
    console.log(`bench/webview: skipped: ${skip}`);
    return;
  }
  const text = generateRunbook({ vms: VMS });
  const first = whatIfOf(text, 1);
  const second = whatIfOf(text, 2, { waves: [{ waveIndex: 0, concurrency: 3 }] });
  // As the host posts them (client/src/timeline/controller.ts): packed.
  const message = (m: ReturnType<typeof updateOf>) => (PACKED ? packUpdate(m) : m);
  const firstJson = JSON.stringify(message(updateOf(first)));
  const secondJson = JSON.stringify(message(updateOf(second)));
  console.log(`plan: ${first.schedule.vms.length} VMs in ${first.schedule.waves.length} waves; ${PACKED ? 'packed' : 'unpacked'} message ${(firstJson.length / 1e6).toFixed(1)} MB of JSON`);
  const browser = await launchChromium();
  type Timing = { cloneMs: number; renderMs: number; totalMs: number };
  const firstRuns: Timing[] = [];
  const updateRuns: Timing[] = [];
  const zoomRuns: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const t = await openTimeline(browser, { width: 1400, height: 900 });
      const a = await t.page.evaluate(`${TIMED_POST}(${JSON.stringify(firstJson)})`) as Timing;
      const b = await t.page.evaluate(`${TIMED_POST}(${JSON.stringify(secondJson)})`) as Timing;
      const z = await t.page.evaluate(`(async () => {
        document.querySelector('[data-vm-id]').focus();
        const t0 = performance.now();
        document.getElementById('tl-chart').dispatchEvent(new KeyboardEvent('keydown', { key: '+', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now() - t0;
      })()`) as number;
      if (await t.page.getAttribute('#timeline-root', 'data-version') !== '2') throw new Error('the update was not shown');
      firstRuns.push(a);
      updateRuns.push(b);
      zoomRuns.push(z);
      await t.page.context().close();
    }
  } finally {
    await browser.close();
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  const show = (label: string, runs: Timing[], target: number) => {
    console.log(`${label}: render ${fmt(runs.map((r) => r.renderMs))}   target <= ${target} ms`);
    console.log(`${' '.repeat(label.length)}  + message clone ${fmt(runs.map((r) => r.cloneMs))}; total ${fmt(runs.map((r) => r.totalMs))}`);
  };
  show(`first render (${VMS} VMs)`, firstRuns, 500);
  show(`update       (${VMS} VMs)`, updateRuns, 150);
  console.log(`zoom step    (${VMS} VMs): ${fmt(zoomRuns)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
