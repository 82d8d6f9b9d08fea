/**
 * Paragraph numbers typed as text, as converters from Word and HTML write
 * them: `12\. We…` (escaped so CommonMark does not start a list), possibly
 * several hard-wrapped paragraphs in one Markdown paragraph.
 */
import type { Paragraph as MdParagraph, PhrasingContent } from 'mdast';

/** `12\.` at a line start (any number of digits), or a number too long to be a list marker (10+ digits). */
const LINE_NUMBER = /^[ \t]{0,3}(\d+)\\\.[ \t]+|^[ \t]{0,3}(\d{10,})\.[ \t]+/;

export interface NumberedChunk {
  number: number;
  /** The phrasing content of this chunk, number removed. */
  children: PhrasingContent[];
  startLine: number;
  endLine: number;
}

/**
 * Split a paragraph at lines that open with a typed paragraph number.
 * Returns null when the paragraph does not open with one.
 */
export function splitTypedNumbers(node: MdParagraph, source: string): NumberedChunk[] | null {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start == null || end == null) return null;
  const raw = source.slice(start, end);
  const lines = raw.split('\n');
  const firstMatch = LINE_NUMBER.exec(lines[0]);
  if (!firstMatch) return null;
  // Line numbers (relative) where a new numbered chunk starts.
  const starts: Array<{ rel: number; number: number }> = [];
  lines.forEach((line, i) => {
    const m = LINE_NUMBER.exec(line);
    // Hundreds of digits would make Infinity: any number past the safe range is an error anyway.
    if (m) starts.push({ rel: i, number: Math.min(Number(m[1] ?? m[2]), Number.MAX_SAFE_INTEGER) });
  });
  const firstLine = node.position!.start.line;
  const chunks: NumberedChunk[] = starts.map((s, k) => ({
    number: s.number,
    children: [],
    startLine: firstLine + s.rel,
    endLine: firstLine + (k + 1 < starts.length ? starts[k + 1].rel - 1 : lines.length - 1),
  }));
  // Distribute the phrasing children by the line they start on; text nodes
  // that span several chunks are cut at the line breaks.
  let chunkIndex = 0;
  const chunkFor = (line: number) => {
    while (chunkIndex + 1 < chunks.length && line >= chunks[chunkIndex + 1].startLine) chunkIndex++;
    return chunks[chunkIndex];
  };
  for (const child of node.children) {
    if (child.type === 'text' && child.position) {
      const parts = child.value.split('\n');
      let line = child.position.start.line;
      parts.forEach((part, i) => {
        const chunk = chunkFor(line);
        const text = (i > 0 ? '\n' : '') + part;
        const last = chunk.children[chunk.children.length - 1];
        if (last && last.type === 'text') last.value += text;
        else chunk.children.push({ type: 'text', value: text });
        line++;
      });
    } else {
      chunkFor(child.position?.start.line ?? firstLine).children.push(child);
    }
  }
  for (const chunk of chunks) {
    const first = chunk.children[0];
    if (first && first.type === 'text') {
      first.value = first.value.replace(/^\n?[ \t]*\d+\.[ \t]+/, '');
      if (first.value === '') chunk.children.shift();
    }
  }
  return chunks;
}
