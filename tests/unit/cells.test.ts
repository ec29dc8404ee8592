/** The cells' logic outside a browser: settings and the URL, input checks, safe rendering, charts, and the worker's runtime. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRun, defaults, sample, trainStep, type Config } from '../../microgpt/microgpt.ts';
import { bin, lossChart, lossPaths, lossScale, movingAverage } from '../../src/cells/charts.ts';
import type { CellName } from '../../src/cells/names.ts';
import { renderOutput } from '../../src/cells/outputs.ts';
import type { FromWorker, Settings } from '../../src/cells/protocol.ts';
import { recordCell } from '../../src/cells/record.ts';
import { cellSource, renderCell } from '../../src/cells/render.ts';
import { Runtime } from '../../src/cells/runtime.ts';
import { checkKnobs, checkText, decodeFile, fromQuery, MAX_TEXT_BYTES, toQuery } from '../../src/cells/settings.ts';
import { countParams } from '../../microgpt/config.ts';
import { tooBig } from '../../src/cells/limits.ts';
import { toHtml } from '../../src/cells/vnode.ts';

describe('settings in the URL', () => {
  it('reads the knobs by their Python names and the preset, and writes back only what differs from the defaults', () => {
    const { preset, raw, presetProblem } = fromQuery('?data=pokemon&seed=7&n_embd=24&learning_rate=0.02&L=3');
    expect(preset).toBe('pokemon');
    expect(presetProblem).toBeUndefined();
    expect(raw).toEqual({ seed: '7', nEmbd: '24', learningRate: '0.02' });
    expect(toQuery('pokemon', { ...raw, nHead: '4', numSteps: '1000' })).toBe('?data=pokemon&n_embd=24&learning_rate=0.02&seed=7');
    expect(toQuery('names', { seed: '42' })).toBe('');
  });

  it('keeps unrelated query parameters and says so when the data is unknown', () => {
    expect(toQuery('dinosaurs', { seed: '1' }, '?utm=x&seed=9')).toBe('?utm=x&data=dinosaurs&seed=1');
    const { preset, presetProblem } = fromQuery('?data=klingon');
    expect(preset).toBe('names');
    expect(presetProblem).toContain('"klingon"');
  });
});

describe('checking the knobs', () => {
  it('uses config.ts\'s sentences, adds the browser\'s limits, and checks knobs together', () => {
    expect(checkKnobs({ nEmbd: 'abc' }).problems.nEmbd).toBe('n_embd must be a number, got "abc"');
    expect(checkKnobs({ nEmbd: '512' }).problems.nEmbd).toBe('n_embd must be at most 256 in a browser tab, got 512');
    expect(checkKnobs({ numSteps: '100001' }).problems.numSteps).toContain('at most 100000');
    expect(checkKnobs({ nHead: '3' }).problems.nHead).toBe('n_embd (16) must be divisible by n_head (3)');
    expect(checkKnobs({ nEmbd: '8', nHead: '16' }).problems.nHead).toBeDefined();
    const ok = checkKnobs({ seed: '-5', temperature: '1.5', nEmbd: '32', nHead: '8' });
    expect(ok.problems).toEqual({});
    expect(ok.config).toEqual({ ...defaults, seed: -5, temperature: 1.5, nEmbd: 32, nHead: 8 });
  });

  it('counts parameters as the model builds them', () => {
    const config: Config = { ...defaults, nEmbd: 8, nHead: 2, nLayer: 2, blockSize: 5 };
    expect(countParams(config, 11)).toBe(createRun('abcdefghij\n', config).model.params.length);
    expect(countParams(defaults, 27)).toBe(4192);
  });

  it('refuses a model too big for a tab: by parameters, and by the memory of a step on long documents', () => {
    expect(tooBig(defaults, 27, 'faithful')).toBeUndefined();
    const wide: Config = { ...defaults, nEmbd: 128, nLayer: 2 }; // 402,176 parameters: trains on the names
    expect(tooBig(wide, 27, 'faithful', 16)).toBeUndefined();
    expect(tooBig({ ...wide, nLayer: 3 }, 27, 'faithful')).toMatch(/^This model would have 598,784 parameters; in a browser tab microgpt\.ts trains at most 500,000\./);
    expect(tooBig({ ...wide, nLayer: 3 }, 27, 'fast')).toBeUndefined();
    // Nearly the same model with block_size 256, on documents of 300 characters: a graph of about 9 GB.
    const long: Config = { ...wide, blockSize: 256 };
    expect(tooBig(long, 27, 'faithful', 301)).toMatch(/^A step of this model \(432,896 parameters\) on documents of up to 256 tokens would take about [\d.]+ GB of memory; in a browser tab microgpt\.ts may use 1\.5 GB\. .*switch the engine to fast\.ts\.$/);
    expect(tooBig(long, 27, 'faithful', 12)).toBeUndefined();
    expect(tooBig(long, 27, 'fast', 301)).toBeUndefined();
  });
});

describe('the reader\'s own text', () => {
  it('accepts any Unicode and a single character, and explains empty, blank and too-big text', () => {
    expect(checkText('a')).toBeUndefined();
    expect(checkText('zoë\n日本\n😀\n')).toBeUndefined();
    expect(checkText('')).toBe('The text is empty: paste or upload at least one line.');
    expect(checkText(' \n\t\n')).toBe('The text is empty: paste or upload at least one line.');
    expect(checkText('\x1c\n\x85')) // blank to Python's strip (and loadDocs), not to JavaScript's trim.toBe('Every line is blank, so there are no documents to learn from.');
    expect(checkText('é'.repeat(MAX_TEXT_BYTES / 2 + 1))).toContain('over the limit of 2 MB');
  });

  it('decodes UTF-8 files and UTF-16 ones with a byte-order mark, drops the mark, and refuses other encodings with a sentence', () => {
    expect(decodeFile(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xc3, 0xa9]))).toEqual({ text: 'hé' });
    expect(decodeFile(new Uint8Array([0x63, 0x61, 0x66, 0xe9]))).toEqual({ problem: expect.stringContaining('not UTF-8 text') });
    // UTF-16 with its byte-order mark, both byte orders, an astral character included (a surrogate pair).
    const utf16le = (text: string) => new Uint8Array([0xff, 0xfe, ...[...text].flatMap((c) => { const b = Buffer.from(c, 'utf16le'); return [...b]; })]);
    expect(decodeFile(utf16le('zoë\r\n日本\n😀\n'))).toEqual({ text: 'zoë\r\n日本\n😀\n' });
    const be = utf16le('añb\n').slice(2);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(decodeFile(new Uint8Array([0xfe, 0xff, ...be]))).toEqual({ text: 'añb\n' });
    expect(decodeFile(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00]))).toEqual({ problem: expect.stringContaining('starts like UTF-16LE text') }); // a lone surrogate
    expect(decodeFile(new Uint8Array(MAX_TEXT_BYTES + 1))).toEqual({ problem: expect.stringContaining('2,097,153 bytes') });
  });
});

describe('rendering', () => {
  it('renders every string as text, never as markup', () => {
    const html = toHtml(renderOutput({ kind: 'list', caption: '<i>c</i>', items: ['<img src=x onerror=alert(1)>', 'a & "b"'] }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('a &amp; &quot;b&quot;');
  });

  it('bins whole numbers one per value and draws the loss curve with its point count', () => {
    expect(bin([1, 2, 2, 4]).map((b) => b.count)).toEqual([1, 2, 0, 1]);
    expect(movingAverage([1, 2, 3, 4], 2)).toEqual([1, 1.5, 2.5, 3.5]);
    const chart = toHtml(lossChart({ losses: [3.3, 3.1, 2.9], numSteps: 10, vocabSize: 27 }));
    expect(chart).toContain('data-points="3"');
    expect(chart).toContain('−ln(1/27) = 3.30');
  });

  it('draws a diverged run without NaN in its paths: an infinite loss at the top, a NaN as a gap', () => {
    const scale = lossScale({ losses: [3.3, 3.1, Infinity, NaN, NaN], numSteps: 5, vocabSize: 27, width: 400 });
    const { raw, avg } = lossPaths(scale, [3.3, 3.1, Infinity, NaN, NaN]);
    expect(raw).not.toMatch(/NaN|Infinity/);
    expect(raw.match(/[ML]/g)).toEqual(['M', 'L', 'L']); // three points, then the gap
    expect(Number(raw.split(' ').at(-1))).toBe(scale.T); // the infinite loss sits at the top edge
    expect(avg).not.toMatch(/NaN|Infinity/);
    expect(toHtml(lossChart({ losses: [2, NaN, 2.5], numSteps: 3, vocabSize: 27 }))).not.toContain('NaN');
  });

  it('shows each cell\'s own file, its Run button and its recorded output', async () => {
    const html = await renderCell('train');
    expect(html).toContain('data-cell="train"');
    expect(html).toMatch(/<button type="button" data-action="run">Run<\/button>/);
    expect(html).toContain('data-step="1000"');
    expect(html).toContain('Recorded at build time');
    expect(cellSource('train')).toBe(readFileSync('content/cells/train.ts', 'utf8'));
    await expect(renderCell('nope')).rejects.toThrow('unknown cell "nope"');
    const dataset = await recordCell('dataset');
    expect(dataset[0]).toEqual({ kind: 'text', text: '32,257 documents, 197,547 characters.' });
  });
});

/** A runtime with its messages collected, as the worker would post them. */
function runtime() {
  const messages: FromWorker[] = [];
  // Node runs MessageChannel turns ahead of everything else, so here a turn is setImmediate's.
  const rt = new Runtime((m) => messages.push(m), () => new Promise((r) => setImmediate(r)));
  const until = async (test: () => boolean) => {
    const end = performance.now() + 10_000;
    while (!test() && performance.now() < end) await new Promise((r) => setImmediate(r));
    expect(test()).toBe(true);
  };
  const sleep = async (ms: number) => {
    const end = performance.now() + ms;
    while (performance.now() < end) await new Promise((r) => setImmediate(r));
  };
  const ended = (cell: CellName) => messages.some((m) => m.type === 'status' && m.cell === cell && ['done', 'stopped', 'failed', 'reset'].includes(m.state));
  const losses = (cell: CellName) => messages.flatMap((m) => (m.type === 'progress' && m.cell === cell ? m.losses : []));
  return { rt, messages, until, sleep, ended, losses };
}

const TEXT = 'anna\nbob\ncarla\ndave\neve\nfrank\ngina\n';
const settings = (config: Partial<Config> = {}, engine: Settings['engine'] = 'faithful'): Settings =>
  ({ data: { kind: 'custom', label: 'test', text: TEXT }, config: { ...defaults, ...config }, engine });

describe('the worker\'s runtime', () => {
  it('trains with the real code, sending every loss in order, and samples the model it trained', async () => {
    const { rt, messages, until, ended, losses } = runtime();
    const config = { ...defaults, numSteps: 25, numSamples: 5 };
    rt.handle({ type: 'run', cell: 'train', settings: settings(config), inputs: {}, prerequisites: false });
    await until(() => ended('train'));
    const run = createRun(TEXT, config);
    const expected = Array.from({ length: 25 }, () => trainStep(run));
    expect(losses('train')).toEqual(expected);
    rt.handle({ type: 'run', cell: 'sample', settings: settings(config), inputs: {}, prerequisites: false });
    await until(() => ended('sample'));
    const list = messages.find((m) => m.type === 'output' && m.cell === 'sample');
    expect(list).toMatchObject({ output: { kind: 'list', items: Array.from({ length: 5 }, () => sample(run)) } });
  });

  it('says which earlier cell is missing, and runs it first when asked', async () => {
    const { rt, messages, until, ended } = runtime();
    rt.handle({ type: 'run', cell: 'sample', settings: settings({ numSteps: 10 }), inputs: {}, prerequisites: false });
    await until(() => messages.some((m) => m.type === 'needs'));
    expect(messages.find((m) => m.type === 'needs')).toMatchObject({ cell: 'sample', missing: 'train' });
    rt.handle({ type: 'run', cell: 'sample', settings: settings({ numSteps: 10 }), inputs: {}, prerequisites: true });
    await until(() => messages.some((m) => m.type === 'status' && m.cell === 'sample' && m.state === 'done'));
    expect(ended('train')).toBe(true);
  });

  it('pauses, resumes, stops between steps, and forgets the model on reset', async () => {
    const { rt, messages, until, sleep, ended, losses } = runtime();
    rt.handle({ type: 'run', cell: 'train', settings: settings({ numSteps: 100_000 }), inputs: {}, prerequisites: false });
    await until(() => losses('train').length > 5);
    rt.handle({ type: 'control', cell: 'train', action: 'pause' });
    await until(() => messages.some((m) => m.type === 'status' && m.state === 'paused'));
    const paused = losses('train').length;
    await sleep(50);
    expect(losses('train').length).toBe(paused);
    rt.handle({ type: 'control', cell: 'train', action: 'resume' });
    await until(() => losses('train').length > paused + 5);
    rt.handle({ type: 'control', cell: 'train', action: 'stop' });
    await until(() => ended('train'));
    expect(messages.at(-1)).toMatchObject({ type: 'status', cell: 'train', state: 'stopped' });
    const stoppedAt = losses('train').length;
    expect(stoppedAt).toBeLessThan(100_000);
    await sleep(30);
    expect(losses('train').length).toBe(stoppedAt);

    rt.handle({ type: 'control', cell: 'train', action: 'reset' });
    expect(messages.at(-1)).toMatchObject({ type: 'status', cell: 'train', state: 'reset' });
    rt.handle({ type: 'run', cell: 'forward', settings: settings({ numSteps: 100_000 }), inputs: { name: 'eve' }, prerequisites: false });
    await until(() => messages.some((m) => m.type === 'needs' && m.cell === 'forward'));
  });

  it('trains with fast.ts on request: the same losses and samples, and forward reads its arrays', async () => {
    const { rt, messages, until, ended, losses } = runtime();
    const config = { ...defaults, numSteps: 40, nEmbd: 8, nHead: 2, nLayer: 2, numSamples: 6 };
    rt.handle({ type: 'run', cell: 'train', settings: settings(config, 'fast'), inputs: {}, prerequisites: false });
    await until(() => ended('train'));
    const run = createRun(TEXT, config);
    const expected = Array.from({ length: 40 }, () => trainStep(run));
    losses('train').forEach((loss, i) => expect(Math.abs(loss - expected[i])).toBeLessThanOrEqual(1e-9));
    rt.handle({ type: 'run', cell: 'sample', settings: settings(config, 'fast'), inputs: {}, prerequisites: false });
    await until(() => ended('sample'));
    expect(messages.find((m) => m.type === 'output' && m.cell === 'sample')).toMatchObject({ output: { items: Array.from({ length: 6 }, () => sample(run)) } });
    rt.handle({ type: 'run', cell: 'forward', settings: settings(config, 'fast'), inputs: { name: 'eve' }, prerequisites: false });
    await until(() => ended('forward'));
    const maps = messages.find((m) => m.type === 'output' && m.cell === 'forward' && m.output.kind === 'heatmaps');
    expect(maps).toMatchObject({ output: { labels: ['BOS', 'e', 'v', 'e'] } });
    if (maps?.type === 'output' && maps.output.kind === 'heatmaps') expect(maps.output.maps).toHaveLength(4);
    // The parameters cell on fast.ts: the same shapes and the same initial numbers as microgpt.ts draws.
    rt.handle({ type: 'run', cell: 'parameters', settings: settings(config, 'fast'), inputs: {}, prerequisites: false });
    await until(() => ended('parameters'));
    const fresh = createRun(TEXT, config);
    const out = messages.filter((m) => m.type === 'output' && m.cell === 'parameters').map((m) => m.type === 'output' && m.output);
    expect(out[0]).toMatchObject({ kind: 'table', rows: Object.entries(fresh.model.stateDict).map(([name, m]) => [name, `${m.length} × ${m[0].length}`, m.length * m[0].length]) });
    expect(out[2]).toMatchObject({ kind: 'histogram', values: fresh.model.params.map((p) => p.data) });
  });

  it('refuses a model too big for a tab, and explains characters the vocabulary lacks', async () => {
    const { rt, messages, until, ended } = runtime();
    rt.handle({ type: 'run', cell: 'train', settings: settings({ nEmbd: 256, nLayer: 12 }), inputs: {}, prerequisites: false });
    await until(() => ended('train'));
    expect(messages.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('microgpt.ts trains at most 500,000') });
    rt.handle({ type: 'run', cell: 'train', settings: settings({ nEmbd: 256, nLayer: 12 }, 'fast'), inputs: {}, prerequisites: false });
    await until(() => messages.filter((m) => m.type === 'status' && m.state === 'failed').length === 2);
    expect(messages.at(-1)).toMatchObject({ state: 'failed', message: expect.stringContaining('fast.ts trains at most 2,000,000') });
    rt.handle({ type: 'run', cell: 'forward', settings: settings(), inputs: { name: 'zoë' }, prerequisites: true });
    await until(() => ended('forward') && messages.some((m) => m.type === 'status' && m.cell === 'forward' && m.state === 'failed'));
    expect(messages.at(-1)).toMatchObject({ cell: 'forward', state: 'failed', message: '"z" is not in this dataset\'s vocabulary, so the model has no token for it.' });
  });
});
