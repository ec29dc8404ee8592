/** The settings as the page holds them: bound to the knob inputs and the data controls, mirrored in the URL. */
import { defaults, type Config } from '../../microgpt/microgpt.ts';
import { pageKnobs } from './controls.ts';
import type { DataChoice, Engine, Settings } from './protocol.ts';
import { checkKnobs, fromQuery, toQuery, type Problems, type RawKnobs } from './settings.ts';
import { defaultPreset, type PresetName } from './presets.ts';

/** What changed: the data, or one knob. */
type Listener = (what: 'data' | 'engine' | keyof Config) => void;

export class SettingsStore {
  raw: RawKnobs = {};
  problems: Problems = {};
  config: Config = { ...defaults };
  /** The data, or a sentence saying why the reader's text cannot be used. */
  data: DataChoice | { problem: string } = { kind: 'preset', name: defaultPreset };
  presetProblem: string | undefined;
  engine: Engine = 'faithful';
  private listeners: Listener[] = [];

  constructor() {
    const query = fromQuery(location.search);
    this.raw = Object.fromEntries(pageKnobs.map((k) => [k.key, query.raw[k.key] ?? String(defaults[k.key])]));
    this.data = { kind: 'preset', name: query.preset };
    this.presetProblem = query.presetProblem;
    this.engine = query.engine;
    this.check();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  setKnob(key: keyof Config, value: string): void {
    this.raw[key] = value;
    this.check();
    this.changed(key);
  }

  setEngine(engine: Engine): void {
    this.engine = engine;
    this.changed('engine');
  }

  setData(data: DataChoice | { problem: string }): void {
    this.data = data;
    this.presetProblem = undefined;
    this.changed('data');
  }

  /** The settings to run with, or the first sentence saying what must be fixed. */
  current(): Settings | { problem: string } {
    if ('problem' in this.data) return { problem: this.data.problem };
    const problem = Object.values(this.problems)[0];
    if (problem) return { problem: `Fix the settings first: ${problem}.` };
    return { data: this.data, config: this.config, engine: this.engine };
  }

  private check(): void {
    const { config, problems } = checkKnobs(this.raw);
    this.config = config;
    this.problems = problems;
  }

  private changed(what: 'data' | 'engine' | keyof Config): void {
    const preset: PresetName | null = 'kind' in this.data && this.data.kind === 'preset' ? this.data.name : null;
    const url = `${location.pathname}${toQuery(preset, this.raw, location.search, this.engine)}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(history.state, '', url);
    for (const listener of this.listeners) listener(what);
  }
}
