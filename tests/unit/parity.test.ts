/**
 * Parity with the Python original: full 1,000-step runs against microgpt.py's recorded traces, a custom text
 * through every dataset and tokenizer corner, and the dataset rules (line endings, strip(), code point order).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRun, decode, encode, loadDocs, makeTokenizer, sample, trainStep, type Config } from '../../microgpt/microgpt.ts';
import {
  configOf, loadCustomRun, loadTrace, makemoreNames, sharedDir, shippedNames, type Trace,
} from '../fixtures/traces.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Train and sample as microgpt.py does; report what differs from the trace. */
function replay(text: string, config: Config) {
  const run = createRun(text, config);
  const losses = Array.from({ length: config.numSteps }, () => trainStep(run));
  const samples = Array.from({ length: config.numSamples }, () => sample(run));
  return { run, losses, samples };
}

/** Steps whose loss is further than 1e-9 from Python's, and the largest difference seen. */
function lossGaps(losses: number[], reference: number[]) {
  const gaps = losses.map((loss, i) => Math.abs(loss - reference[i]));
  const far = gaps.flatMap((gap, i) => (gap > 1e-9 ? [{ step: i + 1, ours: losses[i], python: reference[i] }] : []));
  return { far, max: Math.max(...gaps) };
}

/** The checks every recorded run gets: input, sizes, 1,000 losses, 20 samples. */
function expectParity(bytes: Uint8Array, trace: Trace): void {
  expect(sha256(bytes)).toBe(trace.input_sha256);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  const { run, losses, samples } = replay(text, configOf(trace));
  expect(run.docs.length).toBe(trace.num_docs);
  expect(run.tokenizer.vocabSize).toBe(trace.vocab_size);
  expect(run.model.params.length).toBe(trace.num_params);
  if (trace.uchars) expect(run.tokenizer.uchars).toEqual(trace.uchars);
  expect(losses).toHaveLength(trace.losses.length);
  const { far, max } = lossGaps(losses, trace.losses);
  expect(far).toEqual([]);
  expect(max).toBeLessThan(1e-9);
  expect(samples).toEqual(trace.samples);
}

describe('the shipped SSA 2018 names against microgpt.py (ssa2018-names-seed42.json)', () => {
  const trace = loadTrace('ssa2018-names-seed42.json');

  it('records the default run: 1,000 steps, 20 samples, the default config', () => {
    expect(trace.config).toMatchObject({ seed: 42, n_embd: 16, n_head: 4, n_layer: 1, block_size: 16, num_steps: 1000, num_samples: 20 });
    expect(trace.losses).toHaveLength(1000);
    expect(trace.samples).toHaveLength(20);
    expect([trace.num_docs, trace.vocab_size, trace.num_params]).toEqual([32257, 27, 4192]);
  });

  it('every loss within 1e-9 and the 20 samples exactly', () => {
    expectParity(readFileSync(shippedNames), trace);
  });
});

describe("Karpathy's makemore names against microgpt.py (makemore-names-seed42.json)", () => {
  const trace = loadTrace('makemore-names-seed42.json');

  it("records Karpathy's published samples", () => {
    expect(trace.samples).toEqual([
      'kamon', 'ann', 'karai', 'jaire', 'vialan', 'karia', 'yeran', 'anna', 'areli', 'kaina',
      'konna', 'keylen', 'liole', 'alerin', 'earan', 'lenne', 'kana', 'lara', 'alela', 'anton',
    ]);
    expect([trace.num_docs, trace.vocab_size, trace.num_params]).toEqual([32033, 27, 4192]);
  });

  it.skipIf(!existsSync(makemoreNames))('every loss within 1e-9 and the 20 samples exactly (reads ../shared/data/makemore-names.txt)', () => {
    expectParity(readFileSync(makemoreNames), trace);
  });
});

describe.skipIf(!existsSync(path.join(sharedDir, 'reference')))('the committed traces', () => {
  it.each(['ssa2018-names-seed42.json', 'makemore-names-seed42.json'] as const)('%s is the one in ../shared/reference', (name) => {
    const shared = JSON.parse(readFileSync(path.join(sharedDir, 'reference', name), 'utf8')) as Trace;
    expect(loadTrace(name)).toEqual(shared);
  });
});

describe('a custom text against microgpt.py (custom-parity.json)', () => {
  const custom = loadCustomRun();

  it('holds the corners it is meant to: BOM, CRLF, lone CR, blank lines, astral characters', () => {
    expect(custom.text.startsWith('\ufeff')).toBe(true);
    expect(custom.text).toContain('\r\n');
    expect(custom.text).toMatch(/\r[^\n]/);
    expect(custom.text).toMatch(/\n[ \t\u3000\x85\x1c\xa0\u2003]*\r?\n/);
    expect(custom.python.uchars?.some((ch) => ch.codePointAt(0)! > 0xffff)).toBe(true);
  });

  it('every loss within 1e-9, the same vocabulary in the same order, the same samples', () => {
    expectParity(new TextEncoder().encode(custom.text), custom.python);
  });
});

describe('documents as Python reads them: open().read(), split on newlines, strip(), drop empties', () => {
  it('CRLF, lone CR and LF line endings give the same documents', () => {
    const want = ['anna', 'bob', 'émile'];
    expect(loadDocs('anna\nbob\némile\n')).toEqual(want);
    expect(loadDocs('anna\r\nbob\r\némile\r\n')).toEqual(want);
    expect(loadDocs('anna\rbob\rémile')).toEqual(want);
    expect(loadDocs('\r\n\r\nanna\r\r\nbob\n\r  émile  \r')).toEqual(want);
  });

  // Python 3.11: [c for c in range(0x110000) if chr(c).isspace()]
  const pythonWhitespace = [
    0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
    0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  ];

  it("strip() removes exactly Python's whitespace, for every BMP character and the astral planes' first", () => {
    const wrong: string[] = [];
    const codePoints = [...Array.from({ length: 0x10000 }, (_, i) => i), 0x10000, 0x1f642, 0xe0020, 0x10ffff];
    for (const cp of codePoints) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue; // lone surrogates cannot come from UTF-8
      const ch = String.fromCodePoint(cp);
      const want = pythonWhitespace.includes(cp) ? ['x'] : [`${ch}x${ch}`];
      const got = loadDocs(`${ch}x${ch}`);
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`U+${cp.toString(16)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the BOM, zero-width space and Mongolian vowel separator, which Python does not strip', () => {
    expect(loadDocs('\ufeffanna\n')).toEqual(['\ufeffanna']);
    expect(loadDocs('\u200banna\u200b')).toEqual(['\u200banna\u200b']);
    expect(loadDocs('\u180eanna')).toEqual(['\u180eanna']);
  });

  it('keeps whitespace inside a document, including separators Python does not split on', () => {
    expect(loadDocs('a b\na\u2028b\na\x85b\na\x0bb\na\x0cb\na\x1cb\n')).toEqual(['a b', 'a\u2028b', 'a\x85b', 'a\x0bb', 'a\x0cb', 'a\x1cb']);
  });

  it('a file of blank lines has no documents, and a run refuses it', () => {
    expect(loadDocs('')).toEqual([]);
    expect(loadDocs(' \n\t\r\n\u3000\r\x85\n')).toEqual([]);
    expect(() => createRun('\n  \r\n\u3000\n')).toThrow(new RangeError('the text holds no documents: every line is empty'));
  });
});

describe('the tokenizer: characters sorted by code point, as Python sorts them', () => {
  // Python: sorted(set(''.join(docs))) for this text
  const text = 'é\nz\n🙂\n漢\nｚ\n\ue000\nA\n𝔘x\n';
  const tok = makeTokenizer(loadDocs(text));

  it('sorts by code point, astral characters above the whole BMP (not by UTF-16 units)', () => {
    expect(tok.uchars).toEqual(['A', 'x', 'z', 'é', '漢', '\ue000', 'ｚ', '𝔘', '🙂']);
    expect(tok.uchars.map((ch) => ch.codePointAt(0))).toEqual([0x41, 0x78, 0x7a, 0xe9, 0x6f22, 0xe000, 0xff5a, 0x1d518, 0x1f642]);
    expect(tok.vocabSize).toBe(10);
    expect(tok.BOS).toBe(9);
  });

  it('an emoji is one token; a combining accent is a token of its own', () => {
    expect(encode(tok, '🙂𝔘z')).toEqual([8, 7, 2]);
    const accents = makeTokenizer(['e\u0301', 'é']);
    expect(accents.uchars).toEqual(['e', 'é', '\u0301']); // U+00E9 sorts before U+0301
  });

  it('decode(encode(doc)) gives the document back and drops BOS', () => {
    const doc = 'z🙂é漢𝔘';
    const ids = encode(tok, doc);
    expect(ids).toHaveLength(5);
    expect(decode(tok, [tok.BOS, ...ids, tok.BOS])).toBe(doc);
  });

  it('a character outside the vocabulary is a clear error', () => {
    expect(() => encode(tok, 'q')).toThrow(new RangeError('the character "q" is not in the vocabulary'));
  });
});
