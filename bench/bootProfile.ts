/**
 * Where the first graph's time goes (issue 11): opens the fleet's share link in headless Chromium
 * with a trace (V8 CPU samples of every thread, user-timing marks) and prints, per thread, the time
 * between the page's marks and the functions that took it (self time).
 * Run: npm run bench:boot -- [vms=64] [top=25] after `npm run build` (or `npx vite build --minify false`
 * for function names).
 */
import { createRequire } from 'node:module';
import type * as LzString from 'lz-string';
import { startHarness } from '../test/browser/harness.ts';
import { fleetScenario } from './fleetScenario.ts';

const { compressToEncodedURIComponent } = createRequire(import.meta.url)('lz-string') as typeof LzString;

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly id?: string;
  readonly args?: { data?: Record<string, unknown> } & Record<string, unknown>;
}
interface ProfileNode {
  readonly id: number;
  readonly parent?: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}

const vms = Number(process.argv[2] ?? 64);
const top = Number(process.argv[3] ?? 25);
const harness = await startHarness();
try {
  const hash = `s=${compressToEncodedURIComponent(fleetScenario(vms))}`;
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.goto(`${harness.baseUrl}nothing.txt`);
  await harness.browser.startTracing(page, {
    categories: [
      'devtools.timeline',
      'blink.user_timing',
      'disabled-by-default-v8.cpu_profiler',
      'disabled-by-default-devtools.timeline',
      'v8.execute',
      'loading',
    ],
  });
  await page.goto(`${harness.baseUrl}#${hash}`);
  await page.waitForFunction(
    `Number(/^[\\d,]+/.exec(document.querySelector('[data-testid="graph-count"]')?.textContent ?? '')?.[0].replaceAll(',', '') ?? 0) > 1000`,
    undefined,
    { timeout: 60_000, polling: 50 },
  );
  await page.waitForTimeout(300);
  const buf = await harness.browser.stopTracing();
  const marksInPage = await page.evaluate<Record<string, number>>(`(() => {
    const out = {};
    for (const m of performance.getEntriesByType('mark')) out[m.name in out ? m.name + ' (' + Math.round(m.startTime) + ')' : m.name] = Math.round(m.startTime);
    const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
    for (const r of js) out['js ' + r.name.split('/').pop()] = Math.round(r.responseEnd);
    return out;
  })()`);
  console.log('marks (ms since navigation):');
  for (const [k, v] of Object.entries(marksInPage).sort((a, b) => a[1] - b[1]))
    console.log(`  ${String(v).padStart(6)}  ${k}`);

  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.['documentLoaderURL'] !== '');
  const t0 = nav?.ts ?? 0;
  const threadNames = new Map<string, string>();
  for (const e of events)
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, (e.args?.['name'] as string | undefined) ?? '');
  // Profiles: one per thread (id), with chunks of nodes and samples.
  const profiles = new Map<
    string,
    { thread: string; start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] }
  >();
  for (const e of events) {
    if (e.name === 'Profile' && e.id !== undefined)
      profiles.set(e.id, {
        thread: threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`,
        start: Number(e.args?.data?.['startTime'] ?? e.ts),
        nodes: new Map(),
        samples: [],
        deltas: [],
      });
    if (e.name === 'ProfileChunk' && e.id !== undefined) {
      const p = profiles.get(e.id);
      const data = e.args?.data as {
        cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
        timeDeltas?: number[];
      };
      if (p === undefined) continue;
      for (const n of data.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
      p.samples.push(...(data.cpuProfile?.samples ?? []));
      p.deltas.push(...(data.timeDeltas ?? []));
    }
  }
  const end = (marksInPage['atlas:first-graph'] ?? 2000) * 1000 + 50_000;
  for (const p of profiles.values()) {
    const self = new Map<string, number>();
    const byWindow = new Map<number, number>();
    let t = p.start;
    let total = 0;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      const dt = p.deltas[i + 1] ?? 0;
      const rel = t - t0;
      if (rel < 0 || rel > end) continue;
      const node = p.nodes.get(p.samples[i]!);
      const f = node?.callFrame;
      if (f === undefined || f.functionName === '(idle)') continue;
      const key = `${f.functionName || '(anon)'} ${(f.url ?? '').split('/').pop() ?? ''}:${f.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + dt);
      const w = Math.floor(rel / 100_000);
      byWindow.set(w, (byWindow.get(w) ?? 0) + dt);
      total += dt;
    }
    if (total < 5000) continue;
    // The thread's tasks over 8 ms, each with its three heaviest functions.
    const tasks = events.filter(
      (e) =>
        e.name === 'RunTask' &&
        (e.dur ?? 0) > 8000 &&
        (threadNames.get(`${e.pid}:${e.tid}`) ?? '') === p.thread &&
        e.ts >= t0,
    );
    const sampleTimes: { t: number; key: string; dt: number }[] = [];
    {
      let tt = p.start;
      for (let i = 0; i < p.samples.length; i++) {
        tt += p.deltas[i] ?? 0;
        const f = p.nodes.get(p.samples[i]!)?.callFrame;
        if (f === undefined || f.functionName === '(idle)') continue;
        sampleTimes.push({ t: tt, key: `${f.functionName || '(anon)'}:${f.lineNumber}`, dt: p.deltas[i + 1] ?? 0 });
      }
    }
    console.log(`\n${p.thread} tasks over 8 ms:`);
    for (const task of tasks) {
      const inTask = new Map<string, number>();
      for (const smp of sampleTimes)
        if (smp.t >= task.ts && smp.t <= task.ts + (task.dur ?? 0))
          inTask.set(smp.key, (inTask.get(smp.key) ?? 0) + smp.dt);
      const heavy = [...inTask.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 4)
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`);
      console.log(
        `  ${((task.ts - t0) / 1000).toFixed(0).padStart(6)} +${((task.dur ?? 0) / 1000).toFixed(0).padStart(4)} ms  ${heavy.join(', ')}`,
      );
    }
    if (p.thread === 'CrRendererMain') printPhases(p, t0, marksInPage);
    console.log(`\n${p.thread}: ${(total / 1000).toFixed(0)} ms of samples until first graph + 50 ms`);
    console.log(
      '  busy per 100 ms: ' +
        [...byWindow.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([w, v]) => `${w * 100}:${(v / 1000).toFixed(0)}`)
          .join(' '),
    );
    for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  }
  await context.close();
} finally {
  await harness.close();
}

/**
 * Inclusive time per function (each function counted once per sample, however deep it recurs) in
 * the page's three phases: until the document is read, reading it, and until the graph shows it.
 */
function printPhases(
  p: { start: number; nodes: Map<number, ProfileNode>; samples: number[]; deltas: number[] },
  t0: number,
  marks: Record<string, number>,
): void {
  const phases: [string, number, number][] = [
    ['navigation → doc-start', 0, marks['atlas:doc-start'] ?? 0],
    ['doc-start → doc-ready', marks['atlas:doc-start'] ?? 0, marks['atlas:doc-ready'] ?? 0],
    ['doc-ready → first-graph', marks['atlas:doc-ready'] ?? 0, marks['atlas:first-graph'] ?? 0],
  ];
  for (const [name, from, to] of phases) {
    const incl = new Map<string, number>();
    let busy = 0;
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      const rel = (t - t0) / 1000;
      if (rel < from || rel > to) continue;
      const dt = p.deltas[i + 1] ?? 0;
      let node = p.nodes.get(p.samples[i]!);
      if (node === undefined || node.callFrame.functionName === '(idle)') continue;
      busy += dt;
      const seen = new Set<string>();
      while (node !== undefined) {
        const f = node.callFrame;
        const key = `${f.functionName || '(anon)'} ${(f.url ?? '').split('/').pop() ?? ''}:${f.lineNumber}`;
        if (!seen.has(key)) {
          seen.add(key);
          incl.set(key, (incl.get(key) ?? 0) + dt);
        }
        node = node.parent === undefined ? undefined : p.nodes.get(node.parent);
      }
    }
    console.log(`\n${name} (${from}–${to} ms): ${(busy / 1000).toFixed(0)} ms busy; inclusive time:`);
    for (const [k, v] of [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${(v / 1000).toFixed(1).padStart(7)} ms  ${k}`);
  }
}
