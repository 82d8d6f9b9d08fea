/**
 * Run phase: mdast tree -> declaration model (before analysis).
 *
 * Source convention (see docs/source-format.md):
 * - front matter gives meta; `# Background` opens the background note, which
 *   runs to the next `#` heading;
 * - the first other `#` heading is the text's own title line;
 * - `##`…`######` headings open sections (level = depth), later `#` headings open level-1 parts;
 * - ordered-list items are numbered paragraphs with the number written in the source;
 * - `12\.` typed at a line start also makes a numbered paragraph.
 */
import type { VFile } from 'vfile';
import type { Root, RootContent, Definition, FootnoteDefinition, Heading, Yaml, List } from 'mdast';
import { SCHEMA_VERSION } from './schema-version.js';
import type { Declaration, Block, Section, Footnote, Meta, Inline } from './schema.js';
import { toInlines, inlineText, collapse, type Definitions } from './inline.js';
import { toBlock, listItem, childBlocks, positionOf, blockText, leadOf, writtenNumber, type BlockContext } from './blocks.js';
import { splitTypedNumbers } from './escaped-numbers.js';
import { readFrontMatter } from '../parse/front-matter.js';
import { report } from '../diagnostics/report.js';

export const BACKGROUND_HEADING = /^(background|background note|backgrounder|context|배경|배경 설명|背景)$/i;

export interface TextTitle {
  text: string;
  content: Inline[];
}

export type DraftDeclaration = Omit<Declaration, 'glossary' | 'instruments' | 'clauses'> & { textTitle: TextTitle | null };

export function toDeclaration(tree: Root, file: VFile, source: string, id: string, sha256: string): DraftDeclaration {
  const defs: Definitions = new Map();
  const footnoteDefs: FootnoteDefinition[] = [];
  let yaml: Yaml | null = null;
  for (const node of tree.children) {
    if (node.type === 'definition') {
      const key = (node as Definition).identifier.toLowerCase();
      if (!defs.has(key)) defs.set(key, node as Definition);
    } else if (node.type === 'footnoteDefinition') footnoteDefs.push(node);
    else if (node.type === 'yaml' && !yaml) yaml = node;
  }
  let tooDeepReported = false;
  const ctx: BlockContext = {
    defs,
    source,
    onTooDeep: (position) => {
      if (tooDeepReported) return;
      tooDeepReported = true;
      report(file, 'nesting-too-deep', 'Lists or block quotes nest deeper than 32 levels; deeper levels are kept as plain text', position.start);
    },
  };
  const front = readFrontMatter(yaml, file);

  const background: Block[] = [];
  const sections: Section[] = [];
  let textTitle: TextTitle | null = null;
  let mode: 'text' | 'background' = 'text';
  let current: Section | null = null;
  let untitledCount = 0;
  const unnumbered = new Map<string, number>();
  const numberIds = new Map<number, number>();

  const numberedId = (n: number) => {
    const seen = (numberIds.get(n) ?? 0) + 1;
    numberIds.set(n, seen);
    return seen === 1 ? `p${n}` : `p${n}-dup${seen}`;
  };
  const ensureSection = (): Section => {
    if (!current) {
      untitledCount++;
      current = { id: untitledCount === 1 ? 's0' : `s0-${untitledCount}`, title: null, titleContent: [], level: 2, blocks: [], position: null };
      sections.push(current);
    }
    return current;
  };
  const nextUnnumbered = (owner: string) => {
    const k = (unnumbered.get(owner) ?? 0) + 1;
    unnumbered.set(owner, k);
    return `${owner}-u${k}`;
  };
  const push = (p: Block) => {
    if (mode === 'background') background.push(p);
    else ensureSection().blocks.push(p);
  };
  const unnumberedId = () => (mode === 'background' ? `b${background.length + 1}` : nextUnnumbered(ensureSection().id));

  let sectionCount = 0;
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'yaml' || node.type === 'definition' || node.type === 'footnoteDefinition') continue;
    if (node.type === 'heading') {
      const heading = node as Heading;
      const content = toInlines(heading.children, defs);
      const text = collapse(inlineText(content));
      if (heading.depth === 1 && BACKGROUND_HEADING.test(text)) {
        mode = 'background';
        continue;
      }
      if (mode === 'background' && heading.depth > 1) {
        const block = toBlock(heading, `b${background.length + 1}`, ctx);
        if (block) background.push(block);
        continue;
      }
      mode = 'text';
      if (heading.depth === 1 && !textTitle && sections.every((s) => s.blocks.length === 0)) {
        textTitle = { text, content };
        continue;
      }
      sectionCount++;
      current = { id: `s${sectionCount}`, title: text, titleContent: content, level: heading.depth, blocks: [], position: positionOf(heading) };
      sections.push(current);
      continue;
    }
    if (node.type === 'list' && (node as List).ordered && mode === 'text') {
      const list = node as List;
      const start = list.start ?? 1;
      list.children.forEach((item, index) => {
        const number = writtenNumber(item, start + index, source);
        push(listItem(item, numberedId(number), number, ctx, 1));
      });
      continue;
    }
    if (node.type === 'paragraph' && mode === 'text') {
      const chunks = splitTypedNumbers(node, source);
      if (chunks) {
        for (const chunk of chunks) {
          const id = numberedId(chunk.number);
          const startLine = chunk.startLine;
          const p: Block = {
            id,
            kind: 'numbered',
            number: chunk.number,
            text: '',
            content: toInlines(chunk.children, defs),
            children: [],
            lead: leadOf({ type: 'paragraph', children: chunk.children }),
            position: {
              start: { line: startLine, column: 1, offset: lineOffset(source, startLine) },
              end: {
                line: chunk.endLine,
                column: lineLength(source, chunk.endLine) + 1,
                offset: lineOffset(source, chunk.endLine) + lineLength(source, chunk.endLine),
              },
            },
          };
          p.text = blockText(p);
          push(p);
        }
        continue;
      }
    }
    const block = toBlock(node, unnumberedId(), ctx, 1);
    if (block) push(block);
  }

  const footnotes = buildFootnotes(footnoteDefs, tree, ctx, file);
  const meta = buildMeta(front.values, textTitle, id);
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    source: { path: file.path, sha256 },
    meta,
    background,
    sections,
    footnotes,
    textTitle,
  };
}

function lineOffset(source: string, line: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return offset;
}

function lineLength(source: string, line: number): number {
  const start = lineOffset(source, line);
  const end = source.indexOf('\n', start);
  return (end < 0 ? source.length : end) - start;
}

function buildFootnotes(defs: FootnoteDefinition[], tree: Root, ctx: BlockContext, file: VFile): Footnote[] {
  // Order of first reference, as pandoc and GitHub number footnotes.
  const order: string[] = [];
  const referenced = new Set<string>();
  const stack: unknown[] = [tree];
  while (stack.length) {
    const n = stack.pop() as { type: string; identifier?: string; children?: unknown[]; position?: { start: { line: number; column: number } } };
    if (n.type === 'footnoteReference' && n.identifier) {
      if (!referenced.has(n.identifier)) {
        referenced.add(n.identifier);
        order.push(n.identifier);
      }
      if (!defs.some((d) => d.identifier === n.identifier) && n.position) {
        report(file, 'footnote-undefined', `Footnote [^${n.identifier}] has no definition`, n.position.start);
      }
    }
    if (n.type !== 'footnoteDefinition' && n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  // A second definition of the same label cannot be referenced, but its words
  // are part of the source: keep it as an unreferenced note, with a warning.
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.identifier))
      report(file, 'footnote-duplicate', `Footnote [^${d.label ?? d.identifier}] is defined twice; references go to the first`, d.position?.start);
    seen.add(d.identifier);
  }
  const unique = defs;
  const rank = (d: FootnoteDefinition) => {
    const i = order.indexOf(d.identifier);
    const first = unique.findIndex((u) => u.identifier === d.identifier) === unique.indexOf(d);
    return i < 0 || !first ? order.length + unique.indexOf(d) : i;
  };
  const seenUnused = new Set<string>();
  return [...unique]
    .sort((a, b) => rank(a) - rank(b))
    .map((def, i) => {
      seenUnused.add(def.identifier);
      if (!referenced.has(def.identifier) && !seenUnused.has(def.identifier))
        report(file, 'footnote-unused', `Footnote [^${def.label ?? def.identifier}] is never referenced`, def.position?.start);
      const id = `fn${i + 1}`;
      const blocks = childBlocks(def.children, id, ctx, 1);
      return {
        id,
        identifier: def.identifier,
        label: def.label ?? def.identifier,
        index: i + 1,
        text: collapse(blocks.map((b) => b.text).join(' ')),
        blocks,
        position: positionOf(def),
      };
    });
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function buildMeta(values: Record<string, unknown>, textTitle: TextTitle | null, id: string): Meta {
  const { title, kind, meeting, date, venue, chair, language, lang, marking, ...rest } = values;
  const shortTitle = rest['short-title'] ?? rest.shortTitle;
  delete rest['short-title'];
  delete rest.shortTitle;
  return {
    ...rest,
    title: str(title) ?? textTitle?.text ?? titleFromFileName(id),
    kind: str(kind),
    meeting: str(meeting),
    date: str(date),
    venue: str(venue),
    chair: str(chair),
    language: str(language) ?? str(lang) ?? 'en',
    marking: str(marking),
    shortTitle: str(shortTitle),
  };
}

export function titleFromFileName(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : id;
}
