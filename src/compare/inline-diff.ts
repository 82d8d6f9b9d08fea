/**
 * Run phase (compare): the word-level diff of two runs of view inline
 * content, as view inline content with `ins` and `del` nodes.
 *
 * Both sides are cut into tokens (words, single punctuation marks, runs of
 * white space, and atoms: code, images, note references, line breaks), each
 * remembering the formatting it sits in (emphasis, a link…). jsdiff's
 * `diffArrays` finds the changes; white space and a lone short word left
 * between two changes join them, so a rewritten clause reads as one deletion
 * and one insertion rather than a comb of fragments. The result is rebuilt
 * as a tree: unchanged and inserted words in the new text's formatting,
 * deleted words in the old text's.
 *
 * Deleted words may come from places the new text no longer has: their
 * links to this document's anchors become plain words, and their note
 * references the note's old number as a superscript.
 */
import { diffArrays } from 'diff';
import type { ViewInline } from '../view/types.js';

type Wrapper = Extract<ViewInline, { children: ViewInline[] }>;

interface Token {
  /** What is compared: the word, the mark, ' ' for any white space, a tag for an atom. */
  key: string;
  /** A piece of text, or an atom node. */
  text: string | null;
  atom: ViewInline | null;
  /** The formatting the token sits in, outermost first (the view's own nodes: shared by the tokens of one node). */
  path: Wrapper[];
}

export interface MarkLabels {
  inserted: string;
  deleted: string;
}

const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const TOKEN = new RegExp(`\\s+|[${CJK}]|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+(?:['’](?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+)*|[^\\s]`, 'gu');

/** The tokens of inline content. */
function tokensOf(nodes: readonly ViewInline[], path: Wrapper[] = [], out: Token[] = []): Token[] {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        for (const m of node.value.matchAll(TOKEN)) {
          const text = m[0];
          out.push({ key: /^\s/.test(text) ? ' ' : text, text, atom: null, path });
        }
        break;
      case 'break':
        out.push({ key: ' ', text: null, atom: node, path });
        break;
      case 'code':
        out.push({ key: `\u0001code\u0001${node.value}`, text: null, atom: node, path });
        break;
      case 'image':
        out.push({ key: `\u0001image\u0001${node.alt}`, text: null, atom: node, path });
        break;
      case 'noteRef':
        out.push({ key: '\u0001note', text: null, atom: node, path });
        break;
      default:
        tokensOf(node.children, [...path, node], out);
    }
  }
  return out;
}

/** The plain words of inline content as the diff sees them (for similarity of blocks). */
export function tokenText(nodes: readonly ViewInline[]): string {
  return tokensOf(nodes)
    .map((t) => (t.key.startsWith('\u0001') ? ' ' : t.key))
    .join('');
}

type Status = 'eq' | 'ins' | 'del';
interface Chunk {
  status: Status;
  tokens: Token[];
}

/** Inline content showing how `oldNodes` became `newNodes`. */
export function diffInline(oldNodes: readonly ViewInline[], newNodes: readonly ViewInline[], labels: MarkLabels): ViewInline[] {
  return rebuild(chunksOf(tokensOf(oldNodes), tokensOf(newNodes)), labels);
}

/** The same, for content split over several new blocks: one result per piece of `newPieces`, the deleted words in the piece where they fall. */
export function diffInlineSplit(oldNodes: readonly ViewInline[], newPieces: ReadonlyArray<readonly ViewInline[]>, labels: MarkLabels): ViewInline[][] {
  const newTokens: Token[] = [];
  const boundary = (i: number): Token => ({ key: `\u0002${i}`, text: null, atom: null, path: [] });
  newPieces.forEach((piece, i) => {
    if (i) newTokens.push(boundary(i));
    tokensOf(piece, [], newTokens);
  });
  const out: Chunk[][] = newPieces.map(() => []);
  let current = 0;
  for (const chunk of chunksOf(tokensOf(oldNodes), newTokens)) {
    let tokens: Token[] = [];
    for (const token of chunk.tokens) {
      if (token.key.startsWith('\u0002')) {
        if (tokens.length) out[current].push({ status: chunk.status, tokens });
        tokens = [];
        current = Number(token.key.slice(1));
        continue;
      }
      tokens.push(token);
    }
    if (tokens.length) out[current].push({ status: chunk.status, tokens });
  }
  return out.map((chunks) => rebuild(chunks, labels));
}

/** All of `nodes` as inserted (or deleted) words. */
export function wholly(status: 'ins' | 'del', nodes: readonly ViewInline[], labels: MarkLabels): ViewInline[] {
  if (!nodes.length) return [];
  return rebuild([{ status, tokens: tokensOf(nodes) }], labels);
}

function chunksOf(oldTokens: Token[], newTokens: Token[]): Chunk[] {
  const changes = diffArrays(oldTokens, newTokens, { comparator: (a: Token, b: Token) => a.key === b.key });
  const chunks: Chunk[] = [];
  let o = 0;
  let n = 0;
  for (const c of changes) {
    const count = c.count ?? c.value.length;
    if (c.removed) {
      chunks.push({ status: 'del', tokens: oldTokens.slice(o, o + count) });
      o += count;
    } else if (c.added) {
      chunks.push({ status: 'ins', tokens: newTokens.slice(n, n + count) });
      n += count;
    } else {
      // Unchanged: the new text's tokens (same words, maybe other white space or formatting).
      chunks.push({ status: 'eq', tokens: newTokens.slice(n, n + count) });
      o += count;
      n += count;
    }
  }
  return tidy(chunks);
}

/** White space, or one short word or mark (with white space around it), between two changes is given to them. */
function absorbable(chunk: Chunk): boolean {
  const solid = chunk.tokens.filter((t) => t.key !== ' ');
  if (solid.length === 0) return true;
  return solid.length === 1 && solid[0].text != null && [...solid[0].text].length <= 3 && !solid[0].key.startsWith('\u0002');
}

/** Runs of changes as one deletion then one insertion. */
function tidy(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  let del: Token[] = [];
  let ins: Token[] = [];
  const flush = () => {
    if (del.length) out.push({ status: 'del', tokens: del });
    if (ins.length) out.push({ status: 'ins', tokens: ins });
    del = [];
    ins = [];
  };
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (chunk.status === 'del') del.push(...chunk.tokens);
    else if (chunk.status === 'ins') ins.push(...chunk.tokens);
    else if ((del.length || ins.length) && i + 1 < chunks.length && chunks[i + 1].status !== 'eq' && absorbable(chunk)) {
      // Both sides have these tokens: the old text's are deleted, the new text's inserted.
      del.push(...chunk.tokens.map(asOld));
      ins.push(...chunk.tokens);
    } else {
      flush();
      out.push(chunk);
    }
  }
  flush();
  return out;
}

/** A token of the new text standing in for the same token of the old one. */
function asOld(token: Token): Token {
  return token;
}

/** Rebuild inline content from chunks: the change mark outermost, then the formatting of each token. */
function rebuild(chunks: readonly Chunk[], labels: MarkLabels): ViewInline[] {
  const root: ViewInline[] = [];
  // The open nodes: what each was made from (a wrapper, or the mark of a chunk) and the node made.
  const stack: Array<{ from: object; children: ViewInline[] }> = [];
  const top = () => (stack.length ? stack[stack.length - 1].children : root);
  for (const chunk of chunks) {
    const mark = chunk.status === 'eq' ? null : { type: chunk.status, label: chunk.status === 'ins' ? labels.inserted : labels.deleted };
    for (const token of chunk.tokens) {
      const deleted = chunk.status === 'del';
      const path: object[] = [...(mark ? [mark] : []), ...(deleted ? token.path.filter((w) => w.type !== 'xref') : token.path)];
      let common = 0;
      while (common < stack.length && common < path.length && stack[common].from === path[common]) common++;
      stack.length = common;
      for (let i = common; i < path.length; i++) {
        const from = path[i];
        const node = copyWrapper(from as Wrapper | { type: 'ins' | 'del'; label: string });
        top().push(node);
        stack.push({ from, children: (node as Wrapper).children });
      }
      leaf(top(), token, deleted);
    }
  }
  return root;
}

function copyWrapper(from: Wrapper | { type: 'ins' | 'del'; label: string }): ViewInline {
  if (from.type === 'ins' || from.type === 'del') return { type: from.type, label: from.label, children: [] };
  const { children: _children, ...rest } = from as Wrapper;
  return { ...rest, children: [] } as ViewInline;
}

function leaf(into: ViewInline[], token: Token, deleted: boolean): void {
  if (token.text != null) {
    const last = into[into.length - 1];
    if (last?.type === 'text') last.value += token.text;
    else into.push({ type: 'text', value: token.text });
    return;
  }
  const atom = token.atom!;
  // A deleted note reference: the old note's number, which no note of the new text answers.
  if (deleted && atom.type === 'noteRef') into.push({ type: 'superscript', children: [{ type: 'text', value: String(atom.number) }] });
  else into.push(atom);
}
