/** The page's settings: read from and written to the URL, checked with the CLI's rules plus the browser's limits. */
import { knobs, configFrom, type Knob } from '../../microgpt/config.ts';
import { defaults, loadDocs, type Config } from '../../microgpt/microgpt.ts';
import { pageKnobs } from './controls.ts';
import { thousands } from './format.ts';
import { maxima } from './limits.ts';
import { defaultPreset, isPresetName, presets, type PresetName } from './presets.ts';
import type { Engine } from './protocol.ts';

export type RawKnobs = Partial<Record<keyof Config, string>>;
export type Problems = Partial<Record<keyof Config, string>>;

/** The config from typed values, and a sentence for each value that is wrong or too big for a browser tab. */
export function checkKnobs(raw: RawKnobs): { config: Config; problems: Problems } {
  const { config, problems } = configFrom(raw);
  for (const knob of knobs) {
    const max = maxima[knob.key];
    if (problems[knob.key] === undefined && max !== undefined && config[knob.key] > max) {
      problems[knob.key] = `${knob.python} must be at most ${max} in a browser tab, got ${raw[knob.key]?.trim()}`;
    }
  }
  if (problems.nHead === undefined && config.nHead > config.nEmbd) problems.nHead = `n_head (${config.nHead}) must be at most n_embd (${config.nEmbd})`;
  return { config, problems };
}

/** What a URL's query says: a preset name (or a sentence if unknown), the engine, and the knobs' raw values. */
export function fromQuery(search: string): { preset: PresetName; presetProblem?: string; engine: Engine; raw: RawKnobs } {
  const params = new URLSearchParams(search);
  const raw: RawKnobs = {};
  for (const knob of pageKnobs) {
    const value = params.get(knob.python);
    if (value !== null) raw[knob.key] = value;
  }
  const engine: Engine = params.get('engine') === 'fast' ? 'fast' : 'faithful';
  const data = params.get('data');
  if (data === null || isPresetName(data)) return { preset: data ?? defaultPreset, engine, raw };
  return { preset: defaultPreset, engine, raw, presetProblem: `The link asks for the data ${JSON.stringify(data)}, which is not one of ${Object.keys(presets).join(', ')}; using ${defaultPreset}.` };
}

/** The query string for some settings: only what differs from the defaults, so the plain URL stays plain. */
export function toQuery(preset: PresetName | null, raw: RawKnobs, base = '', engine: Engine = 'faithful'): string {
  const params = new URLSearchParams(base);
  params.delete('data');
  params.delete('engine');
  if (preset !== null && preset !== defaultPreset) params.set('data', preset);
  if (engine !== 'faithful') params.set('engine', engine);
  for (const knob of pageKnobs) {
    params.delete(knob.python);
    const value = raw[knob.key]?.trim();
    if (value !== undefined && value !== '' && Number(value) !== defaults[knob.key]) params.set(knob.python, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The largest text the page accepts, in bytes of UTF-8. */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;

const tooLong = (what: string, bytes: number) =>
  `The ${what} is ${thousands(bytes)} bytes, over the limit of 2 MB (${thousands(MAX_TEXT_BYTES)} bytes). Use a smaller part of it.`;

/** A sentence if this text cannot be trained on, else undefined. */
export function checkText(text: string): string | undefined {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_TEXT_BYTES) return tooLong('text', bytes);
  if (text.trim() === '') return 'The text is empty: paste or upload at least one line.';
  if (loadDocs(text).length === 0) return 'Every line is blank, so there are no documents to learn from.';
  return undefined;
}

/**
 * A file's bytes as text, or a sentence saying why not. UTF-8, with or without a byte-order mark; UTF-16 when a
 * byte-order mark says so (what Windows calls "Unicode" text). The mark itself is dropped.
 */
export function decodeFile(bytes: Uint8Array): { text: string } | { problem: string } {
  if (bytes.length > MAX_TEXT_BYTES) return { problem: tooLong('file', bytes.length) };
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return encoding === 'utf-8'
      ? { problem: 'The file is not UTF-8 text: some of its bytes do not decode. Save it as UTF-8 (any language is fine) and upload it again.' }
      : { problem: `The file starts like ${encoding.toUpperCase()} text, but some of its bytes do not decode. Save it as UTF-8 and upload it again.` };
  }
}

export type { Knob };
