/** The dataset cell's controls: a shipped word list, or the reader's own text pasted or uploaded. */
import { presets, isPresetName } from './presets.ts';
import { checkText, decodeFile, MAX_TEXT_BYTES } from './settings.ts';
import type { SettingsStore } from './store.ts';

export function wireDataControls(el: HTMLElement, store: SettingsStore): void {
  const select = el.querySelector<HTMLSelectElement>('#dataset-data');
  const custom = el.querySelector<HTMLElement>('.cell-custom');
  const textarea = el.querySelector<HTMLTextAreaElement>('#dataset-text');
  const file = el.querySelector<HTMLInputElement>('#dataset-file');
  const problem = el.querySelector<HTMLElement>('#dataset-text-problem');
  const selectProblem = el.querySelector<HTMLElement>('#dataset-data-problem');
  const source = el.querySelector<HTMLElement>('[data-source]');
  if (!select || !custom || !textarea || !file || !problem || !selectProblem || !source) return;

  let label = 'pasted text';
  const showProblem = (text: string | undefined) => {
    problem.textContent = text ?? '';
    textarea.toggleAttribute('aria-invalid', text !== undefined);
    if (text !== undefined) textarea.setAttribute('aria-invalid', 'true');
  };
  const useText = (text: string) => {
    const why = checkText(text);
    showProblem(why);
    store.setData(why ? { problem: why } : { kind: 'custom', label, text });
  };
  const choose = () => {
    const value = select.value;
    custom.hidden = value !== 'custom';
    if (isPresetName(value)) {
      source.textContent = `Source: ${presets[value].source}.`;
      store.setData({ kind: 'preset', name: value });
    } else {
      source.textContent = 'Source: your text. Each line is a document; any Unicode is fine.';
      useText(textarea.value);
    }
  };

  if ('kind' in store.data && store.data.kind === 'preset') select.value = store.data.name;
  selectProblem.textContent = store.presetProblem ?? '';
  if (store.presetProblem) source.textContent = `Source: ${presets.names.source}.`;
  else if (isPresetName(select.value)) source.textContent = `Source: ${presets[select.value].source}.`;
  select.addEventListener('change', () => {
    selectProblem.textContent = '';
    choose();
  });
  textarea.addEventListener('input', () => {
    label = 'pasted text';
    useText(textarea.value);
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    // Too big is told from the size alone, without reading the file.
    const decoded = chosen.size > MAX_TEXT_BYTES ? decodeFile(new Uint8Array(chosen.size)) : decodeFile(new Uint8Array(await chosen.arrayBuffer()));
    if ('problem' in decoded) {
      showProblem(decoded.problem);
      store.setData({ problem: decoded.problem });
      return;
    }
    label = chosen.name;
    textarea.value = decoded.text;
    useText(decoded.text);
  });
}
