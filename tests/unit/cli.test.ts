/** The command line as a user runs it: a child process, its stdout, stderr and exit status. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixed, padInt } from '../../microgpt/pyformat.ts';
import { loadCustomRun, loadTrace, printedOutput, repoRoot } from '../fixtures/traces.ts';

const cliArgs = ['--import', 'tsx', path.join(repoRoot, 'microgpt/cli.ts')];

interface Result { status: number | null; stdout: string; stderr: string }

/** Run a command to completion, never rejecting: the exit status is part of what we test. */
function run(file: string, args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const status = err ? (typeof err.code === 'number' ? err.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** `npm run train -- ...args`, without npm: node with tsx on microgpt/cli.ts, stdout into a pipe. */
const train = (...args: string[]) => run(process.execPath, [...cliArgs, ...args]);

const scratch = mkdtempSync(path.join(tmpdir(), 'microgpt-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
/** A file in a scratch folder, with these exact bytes. */
function scratchFile(name: string, bytes: string | Uint8Array): string {
  const file = path.join(scratch, name);
  writeFileSync(file, bytes);
  return file;
}

/** A literal string as a regular expression. */
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('--help', () => {
  it('lists every flag of the original knobs, with its default', async () => {
    const { status, stdout, stderr } = await train('--help');
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const flags = [
      ['--input FILE', 'content/data/names.txt'], ['--seed N', '42'], ['--steps N', '1000'], ['--n-embd N', '16'],
      ['--n-head N', '4'], ['--n-layer N', '1'], ['--block-size N', '16'], ['--lr X', '0.01'],
      ['--temperature X', '0.5'], ['--samples N', '20'],
    ];
    for (const [flag, value] of flags) {
      expect(stdout).toMatch(new RegExp(`^  ${escape(flag)} .*\\(default: ${escape(value)}\\)$`, 'm'));
    }
    expect(stdout).toMatch(/^  --help /m);
  });
});

describe('the output is what microgpt.py prints', () => {
  it('a default run on the shipped names: every line of the reference trace', async () => {
    const { status, stdout, stderr } = await train();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const want = printedOutput(loadTrace('ssa2018-names-seed42.json'), '\n');
    const lines = stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(['num docs: 32257', 'vocab size: 27', 'num params: 4192']);
    expect(lines[3]).toBe('step    1 / 1000 | loss 3.4639');
    expect(lines[1002]).toBe('step 1000 / 1000 | loss 2.5116');
    expect(lines.slice(1003, 1006)).toEqual(['', '--- inference (new, hallucinated names) ---', 'sample  1: biad']);
    expect(stdout).toBe(want);
  });

  const custom = loadCustomRun();
  const input = scratchFile('custom.txt', custom.text);

  it('a custom text with a non-default config, into a pipe: Python\'s lines, one step per line', async () => {
    const { status, stdout, stderr } = await train('--input', input, ...custom.args);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(custom.stdout.replaceAll('\r', '\n'));
    expect(stdout).toBe(printedOutput(custom.python, '\n'));
  });

  // script(1) gives the CLI a terminal, where it ends step lines with '\r' exactly as microgpt.py does.
  it.skipIf(!existsSync('/usr/bin/script'))('the same run on a terminal: byte for byte what microgpt.py printed', async () => {
    const command = [process.execPath, ...cliArgs, '--input', input, ...custom.args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
    const { status, stdout } = await run('/usr/bin/script', ['-qec', command, '/dev/null']);
    expect(status).toBe(0);
    expect(stdout.replaceAll('\r\n', '\n')).toBe(custom.stdout); // the terminal turns each '\n' into '\r\n'
  });
});

describe('bad input: one line on stderr, exit status 2, no stack trace', () => {
  const blank = scratchFile('blank.txt', '\n  \r\n\t\n\u3000\n');
  const notUtf8 = scratchFile('latin1.txt', new Uint8Array([0x61, 0x6e, 0x6e, 0xe9, 0x0a])); // "anné" in Latin-1
  const utf16 = scratchFile('utf16.txt', new Uint8Array([0xff, 0xfe, ...Buffer.from('ann\n', 'utf16le')]));

  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['--input', path.join(scratch, 'missing.txt')], /cannot read input file ".*missing\.txt": no such file/],
    ['an unreadable file (a directory)', ['--input', scratch], /cannot read input file ".*": it is a directory/],
    ['a file with no documents (blank lines only)', ['--input', blank], /blank\.txt.*no documents/],
    ['a file that is not UTF-8', ['--input', notUtf8], /latin1\.txt" is not valid UTF-8 text$/m],
    ['a UTF-16 file', ['--input', utf16], /utf16\.txt" is not valid UTF-8 text \(it starts with a UTF-16 byte-order mark; microgpt\.py reads UTF-8, so save it as UTF-8\)/],
    ['n_embd not divisible by n_head', ['--n-embd', '16', '--n-head', '3'], /--n-head: n_embd \(16\) must be divisible by n_head \(3\)/],
    ['a zero count', ['--steps', '0'], /--steps: num_steps must be at least 1, got 0/],
    ['a negative learning rate', ['--lr', '-0.5'], /--lr: learning_rate must be greater than 0, got -0\.5/],
    ['a zero temperature', ['--temperature', '0'], /--temperature: temperature must be greater than 0/],
    ['a fractional count', ['--n-layer', '1.5'], /--n-layer: n_layer must be a whole number, got 1\.5/],
    ['a non-numeric value', ['--n-embd', 'sixteen'], /--n-embd: n_embd must be a number, got "sixteen"/],
    ['a non-numeric rate', ['--lr', '1e-2x'], /--lr: learning_rate must be a number/],
    ['an empty value', ['--seed='], /--seed: seed must be a number, got ""/],
    ['an unknown flag', ['--epochs', '3'], /unknown option "--epochs"/],
    ['a flag without its value', ['--steps'], /--steps needs a value/],
    ['--input without its value', ['--input'], /--input needs a value/],
    // Without the check, V8 runs out of heap and Node prints a fatal error with a native stack trace.
    ['a model too big for the heap', ['--n-embd', '100000', '--steps', '1'], /a model of 120,007,000,000 parameters needs about [\d,]+ GB to train with the faithful engine, more than Node's heap limit here \([\d.]+ GB\); .*--engine fast/],
    ['a model too big for the machine, on the fast engine', ['--n-embd', '1000000', '--n-head', '1', '--engine', 'fast'], /a model of [\d,]+ parameters needs about [\d,]+ GB to train with the fast engine, more than half this machine's memory/],
  ];

  it.concurrent.each(cases)('%s', async (_, args, message) => {
    const { status, stdout, stderr } = await train(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^microgpt: [^\n]+\n$/); // exactly one line
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+|Error:/); // no stack trace, no error class name
  });

  it('a run that diverges (a huge learning rate): the steps, then one line saying why there are no samples', async () => {
    const { status, stdout, stderr } = await train('--lr', '100', '--steps', '30', '--samples', '3');
    expect(status).toBe(2);
    expect(stdout).toMatch(/step   30 \/   30 \| loss nan\n\n--- inference \(new, hallucinated names\) ---\n$/);
    expect(stderr).toBe('microgpt: training diverged (the loss is not a finite number), so there is nothing to sample; try a smaller --lr\n');
  });
});

describe("Python's number formatting", () => {
  // Figures from python3: f"{x:.{d}f}" rounds the exact binary value, half to even.
  it.each([
    [0.03125, 4, '0.0312'], [-0.03125, 4, '-0.0312'], [0.5, 0, '0'], [1.5, 0, '2'], [2.5, 0, '2'],
    [0.125, 2, '0.12'], [0.375, 2, '0.38'], [1.0005, 3, '1.000'], [2.675, 2, '2.67'], [3.4639065, 4, '3.4639'],
    [1e-7, 4, '0.0000'], [-1e-7, 4, '-0.0000'], [0.00005, 4, '0.0001'], [0.00015, 4, '0.0001'],
  ] as const)('f"{%s:.%if}" is %s', (x, digits, want) => {
    expect(fixed(x, digits)).toBe(want);
  });

  it('{:4d} and {:2d} pad with spaces on the left', () => {
    expect([padInt(1, 4), padInt(1000, 4), padInt(12345, 4), padInt(7, 2), padInt(20, 2)]).toEqual(['   1', '1000', '12345', ' 7', '20']);
  });
});
