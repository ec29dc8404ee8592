// The tokenizer: every distinct character of the documents gets an id, plus one for BOS.
import { makeTokenizer, encode, decode } from '../../microgpt/microgpt.ts';
import type { CellContext } from '../../src/cells/context.ts';

export default function tokenizer(ctx: CellContext): void {
  const tok = makeTokenizer(ctx.use('docs'));
  ctx.emit({ kind: 'text', text: `${tok.uchars.length} characters + BOS = a vocabulary of ${tok.vocabSize} tokens.` });
  ctx.emit({ kind: 'tokens', caption: 'The vocabulary', tokens: [...tok.uchars.map((ch, id) => ({ text: ch, id })), { text: 'BOS', id: tok.BOS }] });

  const chars = [...ctx.inputs.text];
  const unknown = [...new Set(chars.filter((ch) => !tok.ids.has(ch)))];
  ctx.emit({ kind: 'tokens', caption: 'Your text, character by character', tokens: chars.map((ch) => ({ text: ch, id: tok.ids.get(ch) ?? null })) });
  if (unknown.length > 0) {
    const list = unknown.map((ch) => JSON.stringify(ch)).join(', ');
    ctx.emit({ kind: 'text', text: `Not in the vocabulary: ${list}. The documents never contain them, so they have no id; encode() would refuse them, so they are left out below.` });
  }
  const ids = encode(tok, chars.filter((ch) => tok.ids.has(ch)).join(''));
  ctx.emit({ kind: 'text', text: `encode → [${ids.join(', ')}]` });
  ctx.emit({ kind: 'text', text: `decode → ${JSON.stringify(decode(tok, ids))}` });
}
