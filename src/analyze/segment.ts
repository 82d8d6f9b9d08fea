/**
 * The sentences the clause analysis reads, block by block: a block's own
 * inline content is cut into lines at hard breaks, lines that act as
 * headings (all capitals, or wholly bold without a closing stop) are left
 * out, and the rest is cut into sentences. Analysis only: translation
 * segments keep their own splitter (sentences.ts).
 */
import type { Block, Inline } from '../model/schema.js';
import { walkBlock } from '../model/walk.js';
import { htmlToText } from '../model/raw-html.js';

export interface TextSentence {
  text: string;
  /** The top-level block the sentence belongs to (the clause's paragraph). */
  paragraph: string;
  /** The block (possibly a sub-item) that holds it. */
  block: Block;
  /** First sentence of its block. */
  first: boolean;
  /** Index of the sentence in the block. */
  index: number;
}

interface Piece {
  text: string;
  strong: boolean;
}

/** Lines of inline content: text pieces, split at hard breaks. */
function lines(content: readonly Inline[]): Piece[][] {
  const out: Piece[][] = [[]];
  const walk = (nodes: readonly Inline[], strong: boolean) => {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'inlineCode':
          out[out.length - 1].push({ text: node.value.replace(/\n/g, ' '), strong });
          break;
        case 'strong':
          walk(node.children, true);
          break;
        case 'emphasis':
        case 'delete':
        case 'link':
          walk(node.children, strong);
          break;
        case 'image':
          out[out.length - 1].push({ text: node.alt, strong });
          break;
        case 'break':
          out.push([]);
          break;
        case 'html':
          out[out.length - 1].push({ text: htmlToText(node.value), strong });
          break;
        case 'footnoteReference':
          break;
      }
    }
  };
  walk(content, false);
  return out;
}

/** A line that acts as a heading: all capitals, or wholly bold, without a closing stop. */
function isHeadingLine(pieces: Piece[], text: string, alone: boolean): boolean {
  if (alone || !text) return false;
  if (/[.;:!?,]["'”’)]*$/.test(text)) return false;
  if (!/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu) ?? []).length >= 2) return true;
  const visible = pieces.filter((p) => p.text.trim());
  return visible.length > 0 && visible.every((p) => p.strong) && text.split(/\s+/).length <= 12;
}

/** The text of a block's own content, headings within it left out. */
export function ownText(block: Block): string {
  const all = lines(block.content);
  const kept: string[] = [];
  for (const pieces of all) {
    const text = pieces
      .map((p) => p.text)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (!text) continue;
    if (isHeadingLine(pieces, text, all.filter((l) => l.some((p) => p.text.trim())).length === 1)) continue;
    kept.push(text);
  }
  // Emphasis markers Markdown left as text ("transition*. *The Leaders", "Palace*,* the"): not words.
  return kept
    .join(' ')
    .replace(/[*_]+/g, (m: string, at: number, all: string) =>
      /[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + m.length] ?? '') ? m : '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Abbreviations after which a full stop does not end a sentence. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'no',
  'nos',
  'art',
  'arts',
  'para',
  'paras',
  'e.g',
  'i.e',
  'vs',
  'cf',
  'al',
  'jr',
  'sr',
  'gen',
  'gov',
  'sen',
  'rep',
  'amb',
  'lt',
  'col',
  'capt',
  'sgt',
  'hon',
  'rev',
  'mt',
  'ft',
  'approx',
  'inc',
  'ltd',
  'co',
  'corp',
  'p',
  'pp',
  'vol',
  'fig',
  'jan',
  'feb',
  'aug',
  'sept',
  'oct',
  'nov',
  'dec',
  'h.e',
  'h.r.h',
  'h.m',
]);
/** Dotted abbreviations that stand before a noun ("U.S. Secretary of State"). */
const ADJECTIVAL = new Set(['u.s', 'u.k', 'u.n', 'e.u', 'u.s.a']);
/** Words that open a sentence after a dotted abbreviation ("… Washington, D.C. The two …"). */
const STARTERS = new Set([
  'The',
  'We',
  'They',
  'It',
  'This',
  'These',
  'Those',
  'Both',
  'Our',
  'Their',
  'In',
  'On',
  'At',
  'As',
  'For',
  'To',
  'With',
  'By',
  'Under',
  'Through',
  'All',
  'Each',
  'Such',
  'There',
  'Here',
  'Today',
  'Together',
  'Furthermore',
  'Moreover',
  'However',
  'Additionally',
  'Also',
  'Accordingly',
  'Finally',
  'Further',
  'A',
  'An',
  'He',
  'She',
  'I',
  'Since',
  'While',
  'When',
  'If',
]);

/** Cut a text into sentences: at . ! ? followed by a space and a capital, a digit or an opening quote, except after abbreviations. */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  const re = /[.!?…]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{Lo}\d])/gu;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    if (m[0].startsWith('.') && !/[!?]/.test(m[0])) {
      const word = /(?:^|[\s(“"'‘])([\p{L}][\p{L}.]*)$/u.exec(text.slice(Math.max(start, m.index - 16), m.index))?.[1] ?? '';
      const lower = word.toLowerCase();
      const next = /^\s+["'“‘([]?([\p{L}\d][\p{L}\d'’-]*)/u.exec(text.slice(end))?.[1] ?? '';
      if (ABBREVIATIONS.has(lower)) continue;
      // An initial ("Joseph R. Biden"), unless a sentence plainly starts after it.
      if (/^\p{Lu}$/u.test(word) && !STARTERS.has(next)) continue;
      if (/\./.test(word)) {
        // "U.S." before a noun continues; "D.C." before a capital ends the sentence.
        if (ADJECTIVAL.has(lower.replace(/\.$/, '')) && !STARTERS.has(next)) continue;
      }
    }
    const sentence = text.slice(start, end).trim();
    if (sentence) out.push(sentence);
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Every sentence of the text part of a document, block by block, in reading order. */
export function textSentences(blocks: readonly Block[]): TextSentence[] {
  const out: TextSentence[] = [];
  for (const top of blocks) {
    walkBlock(top, (block) => {
      if (block.kind === 'table' || block.kind === 'code' || block.kind === 'html' || block.kind === 'heading' || block.kind === 'rule') return false;
      const text = ownText(block);
      if (!text) return;
      sentencesOf(text).forEach((s, index) => out.push({ text: s, paragraph: top.id, block, first: index === 0, index }));
    });
  }
  return out;
}
