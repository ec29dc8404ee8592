/**
 * The command line: `npm run train -- [flags]` prints exactly what microgpt.py prints for the same input,
 * seed and config. The one file here that touches Node: reading the input and writing the output.
 */
import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { defaults, createRun, trainStep, sample, loadDocs, makeTokenizer, type Config } from './microgpt.ts';
import { createFastRun, fastTrainStep, fastSample } from './fast.ts';
import { knobs, configFrom, countParams, gigabytes, stepPositions, trainingBytes, type Engine as EngineName } from './config.ts';
import { padInt, fixed } from './pyformat.ts';

const DEFAULT_INPUT = fileURLToPath(new URL('../content/data/names.txt', import.meta.url));

class UsageError extends Error {}

/** What the CLI needs from an engine: the run's figures, one training step, one sample. */
interface Engine {
  numDocs: number;
  vocabSize: number;
  numParams: number;
  trainStep(): number;
  sample(): string;
}

/** The two engines print the same output: microgpt.ts's graph of Values (the default), or fast.ts's arrays. */
const engines: Record<EngineName, (text: string, config: Config) => Engine> = {
  faithful(text, config) {
    const run = createRun(text, config);
    const { docs, tokenizer, model } = run;
    return { numDocs: docs.length, vocabSize: tokenizer.vocabSize, numParams: model.params.length, trainStep: () => trainStep(run), sample: () => sample(run) };
  },
  fast(text, config) {
    const run = createFastRun(text, config);
    const { docs, tokenizer, numParams } = run;
    return { numDocs: docs.length, vocabSize: tokenizer.vocabSize, numParams, trainStep: () => fastTrainStep(run), sample: () => fastSample(run) };
  },
};

function usage(): string {
  const rows = [
    ['--input FILE', `text file, one document per line (default: content/data/names.txt)`],
    ['--engine NAME', 'faithful (microgpt.ts, the default) or fast (fast.ts: same numbers, typed arrays)'],
    ...knobs.map((k) => [`${k.flag} ${k.kind === 'positive' ? 'X' : 'N'}`, `${k.help} (default: ${defaults[k.key]})`]),
    ['--help', 'show this help'],
  ];
  return [
    'usage: npm run train -- [options]',
    '',
    'Train microgpt on a text file and sample from it, printing what microgpt.py prints.',
    '',
    ...rows.map(([flag, text]) => `  ${flag.padEnd(20)} ${text}`),
    '',
  ].join('\n');
}

function parseArgs(argv: string[]): { input: string; engine: EngineName; raw: Record<string, string> } | 'help' {
  let input = DEFAULT_INPUT;
  let engine = 'faithful';
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const knob = knobs.find((k) => k.flag === flag);
    if (flag !== '--input' && flag !== '--engine' && !knob) throw new UsageError(`unknown option ${JSON.stringify(arg)} (try --help)`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (knob) raw[knob.key] = value;
    else if (flag === '--engine') engine = value;
    else input = value;
  }
  if (!Object.hasOwn(engines, engine)) throw new UsageError(`--engine must be one of ${Object.keys(engines).join(', ')}, got ${JSON.stringify(engine)}`);
  return { input, engine: engine as EngineName, raw }; // checked just above
}

function readInput(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
    throw new UsageError(`cannot read input file ${JSON.stringify(path)}: ${why}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const hint = utf16 ? ' (it starts with a UTF-16 byte-order mark; microgpt.py reads UTF-8, so save it as UTF-8)' : '';
    throw new UsageError(`input file ${JSON.stringify(path)} is not valid UTF-8 text${hint}`);
  }
}

/**
 * Refuse, before allocating anything, a model too big for this Node: microgpt.ts's Values live on V8's heap, whose
 * limit ends the process with a fatal error and no way to catch it; fast.ts's arrays live outside it, in the machine's memory.
 */
function checkMemory(text: string, config: Config, engine: EngineName): void {
  const docs = loadDocs(text);
  if (docs.length === 0) return; // createRun says so
  const vocabSize = makeTokenizer(docs).vocabSize;
  const need = trainingBytes(config, vocabSize, stepPositions(docs, config.blockSize), engine);
  const limit = engine === 'faithful' ? getHeapStatistics().heap_size_limit : totalmem() / 2;
  if (need <= 0.8 * limit) return;
  const where = engine === 'faithful' ? "Node's heap limit here" : "half this machine's memory";
  const ways = engine === 'faithful'
    ? 'make --n-embd, --n-layer or --block-size smaller, try --engine fast, or raise the limit with NODE_OPTIONS=--max-old-space-size=MB'
    : 'make --n-embd, --n-layer or --block-size smaller';
  throw new UsageError(`a model of ${countParams(config, vocabSize).toLocaleString('en-US')} parameters needs about ${gigabytes(need)} to train with the ${engine} engine, more than ${where} (${gigabytes(limit)}); ${ways}`);
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  const { config, problems } = configFrom(args.raw);
  const bad = knobs.find((k) => problems[k.key] !== undefined);
  if (bad) throw new UsageError(`${bad.flag}: ${problems[bad.key]}`);
  const text = readInput(args.input);
  checkMemory(text, config, args.engine);
  let run: Engine;
  try {
    run = engines[args.engine](text, config);
  } catch (err) {
    throw new UsageError(`input file ${JSON.stringify(args.input)}: ${(err as Error).message}`);
  }
  const out = (s: string) => process.stdout.write(s);
  out(`num docs: ${run.numDocs}\n`);
  out(`vocab size: ${run.vocabSize}\n`);
  out(`num params: ${run.numParams}\n`);
  // microgpt.py ends each step's line with '\r', so a terminal shows one line counting up. We do the same on
  // a terminal; into a pipe or a file each step gets its own '\n', so every reader sees the same lines.
  const endOfStep = process.stdout.isTTY ? '\r' : '\n';
  for (let step = 0; step < config.numSteps; step++) {
    const loss = run.trainStep();
    out(`step ${padInt(step + 1, 4)} / ${padInt(config.numSteps, 4)} | loss ${fixed(loss, 4)}${endOfStep}`);
  }
  out('\n--- inference (new, hallucinated names) ---\n');
  for (let i = 0; i < config.numSamples; i++) {
    let name: string;
    try {
      name = run.sample();
    } catch {
      // microgpt.py dies here with a traceback: after a diverged run the probabilities are NaN.
      throw new UsageError('training diverged (the loss is not a finite number), so there is nothing to sample; try a smaller --lr');
    }
    out(`sample ${padInt(i + 1, 2)}: ${name}\n`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  if (err instanceof UsageError) {
    process.stderr.write(`microgpt: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    // A bug of ours, or memory the check above did not foresee: one line, and the trace only on request.
    const message = err instanceof RangeError && /allocat|length/i.test(err.message) ? `out of memory (${err.message})` : String((err as Error)?.message ?? err);
    process.stderr.write(`microgpt: unexpected error: ${message}${process.env.MICROGPT_DEBUG ? `\n${(err as Error)?.stack}` : ' (set MICROGPT_DEBUG=1 to see where)'}\n`);
    process.exitCode = 1;
  }
}
