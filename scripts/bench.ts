/**
 * `npm run bench`: how fast microgpt trains and whether its memory stays flat, one column per engine.
 *
 * - ms/step: the default config on the shipped names; each run is a fresh model, a warm-up, then timed steps;
 *   the median over runs is the figure (targets: faithful at most 8 ms per step, issue #2; fast at most 0.2, issue #6),
 *   and how many times faster than the faithful engine each engine is.
 * - heap: the peak of the heap sampled after every step of a long run, and the live heap (after a full GC)
 *   at two points of it; the second must be within 10% of the first.
 * - deep: n_layer 8, block_size 64, n_embd 64 on documents long enough to fill all 64 positions, a few steps,
 *   to show that no recursion limit stands in the way.
 *
 * Flags: --runs N (5), --steps N (300), --warmup N (50), --memory-steps N (5000), --deep-steps N (2), --no-deep,
 * --engine NAME (only that engine). The exit status is 1 when a check fails.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRun, defaults, trainStep, type Config } from '../microgpt/microgpt.ts';
import { createFastRun, fastTrainStep } from '../microgpt/fast.ts';

/** An engine to measure: how to start a run, one training step that returns its loss, and its ms/step target. */
interface Engine<R> {
  name: string;
  createRun: (text: string, config: Config) => R;
  trainStep: (run: R) => number;
  targetMs: number;
}

/** An engine with its run type hidden in a closure, so engines of different run types share one list. */
interface Contender {
  name: string;
  targetMs: number;
  start: (text: string, config: Config) => () => number;
}

function contender<R>(engine: Engine<R>): Contender {
  return {
    name: engine.name,
    targetMs: engine.targetMs,
    start: (text, config) => {
      const run = engine.createRun(text, config);
      return () => engine.trainStep(run);
    },
  };
}

// The columns of the table. To add an engine, import its createRun and trainStep and add a line here.
// Targets, median ms/step of the default run: issue #2 for the faithful engine, issue #6 for the fast one.
const engines: Contender[] = [
  contender({ name: 'faithful', createRun, trainStep, targetMs: 8 }),
  contender({ name: 'fast', createRun: createFastRun, trainStep: fastTrainStep, targetMs: 0.2 }),
];

const FLAT_TOLERANCE = 0.1; // heap after the long run within 10% of heap after its first tenth

/** Parsed flags with their defaults. */
interface Options {
  runs: number; steps: number; warmup: number; memorySteps: number; deepSteps: number; deep: boolean; engine?: string;
}

function parseOptions(argv: string[]): Options {
  const opts: Options = { runs: 5, steps: 300, warmup: 50, memorySteps: 5000, deepSteps: 2, deep: true };
  const counts: Record<string, 'runs' | 'steps' | 'warmup' | 'memorySteps' | 'deepSteps'> = {
    '--runs': 'runs', '--steps': 'steps', '--warmup': 'warmup', '--memory-steps': 'memorySteps', '--deep-steps': 'deepSteps',
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--no-deep') opts.deep = false;
    else if (flag === '--engine') opts.engine = argv[++i];
    else if (flag in counts) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) fail(`${flag} needs a whole number, got ${JSON.stringify(argv[i])}`);
      opts[counts[flag]] = n;
    } else fail(`unknown option ${JSON.stringify(flag)}`);
  }
  if (opts.memorySteps > 0 && opts.memorySteps < 10) fail('--memory-steps needs at least 10 steps (or 0 to skip)');
  return opts;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** A full garbage collection: global.gc under --expose-gc, otherwise exposed at run time. */
const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const MB = 1024 * 1024;
const heapUsed = () => getHeapStatistics().used_heap_size;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Fresh runs: warm up, then time `steps` steps; ms per step of each run. */
function timeSteps(engine: Contender, text: string, opts: Options): number[] {
  return Array.from({ length: opts.runs }, () => {
    const step = engine.start(text, defaults);
    for (let i = 0; i < opts.warmup; i++) step();
    gc();
    const t0 = performance.now();
    for (let i = 0; i < opts.steps; i++) step();
    return (performance.now() - t0) / opts.steps;
  });
}

/** One long run: the heap sampled after every step, and the live heap after a tenth of the steps and at the end. */
function memory(engine: Contender, text: string, steps: number) {
  gc();
  const step = engine.start(text, { ...defaults, numSteps: steps });
  const early = Math.round(steps / 10);
  let peak = 0;
  let liveEarly = 0;
  for (let i = 1; i <= steps; i++) {
    const loss = step();
    if (!Number.isFinite(loss)) throw new Error(`loss is ${loss} at step ${i}`);
    peak = Math.max(peak, heapUsed());
    if (i === early) {
      gc();
      liveEarly = heapUsed();
    }
  }
  gc();
  const liveEnd = heapUsed();
  return { early, peak, liveEarly, liveEnd, ratio: liveEnd / liveEarly };
}

/** Documents of at least `length` characters, made by joining consecutive names. */
function longDocuments(names: string[], length: number, count: number): string {
  const docs: string[] = [];
  let line = '';
  for (const name of names) {
    line += name;
    if (line.length < length) continue;
    docs.push(line);
    line = '';
    if (docs.length === count) break;
  }
  return docs.join('\n');
}

/** A few steps of the deep config; a stack overflow would surface here as a RangeError. */
function deep(engine: Contender, text: string, steps: number) {
  const config: Config = { ...defaults, nLayer: 8, blockSize: 64, nEmbd: 64 };
  gc();
  try {
    const step = engine.start(text, config);
    const times: number[] = [];
    const losses: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      losses.push(step());
      times.push(performance.now() - t0);
    }
    return { ok: losses.every(Number.isFinite), msPerStep: median(times), losses, error: '' };
  } catch (err) {
    return { ok: false, msPerStep: NaN, losses: [], error: (err as Error).message };
  }
}

/** The table: a label column, then one column per engine. */
function table(rows: [string, ...string[]][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('   '), ...rows.map(line)].join('\n');
}

function main(): void {
  const opts = parseOptions(process.argv.slice(2));
  const chosen = opts.engine === undefined ? engines : engines.filter((e) => e.name === opts.engine);
  if (chosen.length === 0) fail(`--engine must be one of ${engines.map((e) => e.name).join(', ')}`);
  const namesPath = fileURLToPath(new URL('../content/data/names.txt', import.meta.url));
  const text = readFileSync(namesPath, 'utf8');
  const deepText = longDocuments(text.split('\n').filter(Boolean), 80, 64);

  const { nEmbd, nHead, nLayer, blockSize } = defaults;
  console.log(`microgpt bench: Node ${process.version}, default config (n_embd ${nEmbd}, n_head ${nHead}, n_layer ${nLayer}, block_size ${blockSize}) on content/data/names.txt`);
  const heapNote = opts.memorySteps > 0 ? `; heap: one run of ${opts.memorySteps} steps` : '';
  console.log(`ms/step: median of ${opts.runs} fresh runs x ${opts.steps} steps after ${opts.warmup} warm-up steps${heapNote}\n`);

  const rows: [string, ...string[]][] = [];
  const add = (label: string, cells: string[]) => rows.push([label, ...cells]);
  const failures: string[] = [];
  const speed = chosen.map((e) => timeSteps(e, text, opts));
  const medians = speed.map(median);
  add('ms/step (median)', medians.map((m) => m.toFixed(3)));
  add('  fastest run, slowest run', speed.map((s) => `${Math.min(...s).toFixed(3)}, ${Math.max(...s).toFixed(3)}`));
  add('  target', medians.map((m, i) => {
    const target = chosen[i].targetMs;
    if (m > target) failures.push(`${chosen[i].name}: ${m.toFixed(3)} ms/step is over the ${target} ms target`);
    return `<= ${target} ${m <= target ? 'ok' : 'OVER'}`;
  }));
  const baseline = chosen.findIndex((e) => e.name === 'faithful');
  if (baseline >= 0 && chosen.length > 1) add('  speed vs faithful', medians.map((m) => `${(medians[baseline] / m).toFixed(1)}x`));
  if (opts.memorySteps > 0) {
    const mem = chosen.map((e) => memory(e, text, opts.memorySteps));
    const mb = (bytes: number) => (bytes / MB).toFixed(1);
    add('peak heap used (MB)', mem.map((m) => mb(m.peak)));
    add(`live heap after step ${mem[0].early} (MB)`, mem.map((m) => mb(m.liveEarly)));
    add(`live heap after step ${opts.memorySteps} (MB)`, mem.map((m) => mb(m.liveEnd)));
    add('  ratio, within 10%', mem.map((m, i) => {
      const flat = Math.abs(m.ratio - 1) <= FLAT_TOLERANCE;
      if (!flat) failures.push(`${chosen[i].name}: heap grew by a factor ${m.ratio.toFixed(3)}`);
      return `${m.ratio.toFixed(3)} ${flat ? 'ok' : 'GROWS'}`;
    }));
  }
  if (opts.deep && opts.deepSteps > 0) {
    const runs = chosen.map((e) => deep(e, deepText, opts.deepSteps));
    add(`deep (8 layers, 64 wide, 64 positions), ms/step`, runs.map((r) => (r.ok ? r.msPerStep.toFixed(1) : 'FAILED')));
    add(`  losses of its ${opts.deepSteps} steps`, runs.map((r) => (r.ok ? r.losses.map((l) => l.toFixed(3)).join(' ') : r.error.slice(0, 40))));
    runs.forEach((r, i) => { if (!r.ok) failures.push(`${chosen[i].name}: deep config failed: ${r.error}`); });
  }
  console.log(table(rows, ['', ...chosen.map((e) => e.name)]));
  console.log(`\nmax RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB over the whole benchmark`);
  if (failures.length > 0) {
    console.log(`\n${failures.map((f) => `FAILED ${f}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main();
