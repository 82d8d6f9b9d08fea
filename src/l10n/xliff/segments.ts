/**
 * Run phase: a unit's inline content -> XLIFF segments, one per sentence,
 * with the white space between sentences as `<ignorable>`. A sentence
 * boundary inside formatting (`_… . …_`) is not used: `<pc>` may not cross
 * segments, so those sentences stay together.
 */
import type { Inline } from '../../model/schema.js';
import { inlineText } from '../../model/inline.js';
import { splitSentences } from '../../analyze/sentences.js';

export type Piece = { kind: 'segment'; nodes: Inline[] } | { kind: 'ignorable'; text: string };

export function segmentContent(content: readonly Inline[]): Piece[] {
  const spans: Array<{ start: number; end: number }> = [];
  let text = '';
  for (const node of content) {
    const t = node.type === 'text' ? node.value : inlineText([node]);
    spans.push({ start: text.length, end: text.length + t.length });
    text += t;
  }
  const sentences = splitSentences(text);
  // Cuts: [gapStart, gapEnd) inside one text node.
  const cuts: Array<{ node: number; from: number; to: number }> = [];
  for (let i = 1; i < sentences.length; i++) {
    const gapStart = sentences[i - 1].start + sentences[i - 1].text.length;
    const gapEnd = sentences[i].start;
    const k = content.findIndex(
      (n, j) => n.type === 'text' && spans[j].start <= gapStart && gapEnd <= spans[j].end && (gapStart < spans[j].end || gapStart === gapEnd),
    );
    if (k < 0) continue;
    cuts.push({ node: k, from: gapStart - spans[k].start, to: gapEnd - spans[k].start });
  }
  if (cuts.length === 0) return [{ kind: 'segment', nodes: [...content] }];
  const pieces: Piece[] = [];
  let current: Inline[] = [];
  let c = 0;
  content.forEach((node, j) => {
    if (node.type !== 'text' || cuts[c]?.node !== j) {
      current.push(node);
      return;
    }
    let offset = 0;
    while (cuts[c]?.node === j) {
      const cut = cuts[c];
      const before = node.value.slice(offset, cut.from);
      if (before) current.push({ type: 'text', value: before });
      pieces.push({ kind: 'segment', nodes: current });
      const gap = node.value.slice(cut.from, cut.to);
      if (gap) pieces.push({ kind: 'ignorable', text: gap });
      current = [];
      offset = cut.to;
      c++;
    }
    const after = node.value.slice(offset);
    if (after) current.push({ type: 'text', value: after });
  });
  pieces.push({ kind: 'segment', nodes: current });
  return pieces.filter((p) => p.kind === 'ignorable' || p.nodes.length > 0);
}
