/**
 * Model blocks -> view blocks. Sub-items that stand next to each other
 * become one list; every other child stays a block of its own, in source
 * order. Heading levels, item labels and untranslated markers are decided
 * here.
 */
import type { Block } from '../model/schema.js';
import { isItem } from '../model/walk.js';
import type { HeadingLevels } from './headings.js';
import type { InlineBuilder } from './inline.js';
import type { Marker, ViewBlock, ViewInline, ViewItem } from './types.js';

/** Bullets by nesting depth. */
export const BULLETS = ['•', '◦', '▪'] as const;

export interface BlockContext {
  inline: InlineBuilder;
  /** The marker of a block shown in source text, or null. */
  marker(state: Block['untranslated']): Marker | null;
  /** Language of source text shown in a translated pack. */
  sourceLang: string;
}

export class BlockBuilder {
  constructor(private readonly ctx: BlockContext) {}

  /**
   * Top-level blocks of a part or section. `numbered`: numbered paragraphs
   * hang their number (the text); elsewhere they are list items.
   */
  blocks(list: readonly Block[], headings: HeadingLevels, numbered: boolean): ViewBlock[] {
    return this.children(list, headings, { numbered, inherited: false, depth: 0 });
  }

  private children(list: readonly Block[], headings: HeadingLevels, at: { numbered: boolean; inherited: boolean; depth: number }): ViewBlock[] {
    const out: ViewBlock[] = [];
    let run: { ordered: boolean; items: ViewItem[] } | null = null;
    for (const b of list) {
      if (isItem(b) && !(at.numbered && b.kind === 'numbered' && b.number != null)) {
        const ordered = b.number != null;
        if (!run || run.ordered !== ordered) {
          run = { ordered, items: [] };
          out.push({ kind: 'list', id: `${b.id}-list`, lang: null, marker: null, ordered, items: run.items });
        }
        run.items.push(this.item(b, headings, at));
        continue;
      }
      run = null;
      const view = this.block(b, headings, at);
      if (view) out.push(view);
    }
    return out;
  }

  private own(b: Block, inherited: boolean): { marker: Marker | null; lang: string | null; below: boolean } {
    const marker = inherited ? null : this.ctx.marker(b.untranslated);
    return { marker, lang: marker ? this.ctx.sourceLang : null, below: inherited || Boolean(marker) };
  }

  private item(b: Block, headings: HeadingLevels, at: { inherited: boolean; depth: number }): ViewItem {
    const { marker, lang, below } = this.own(b, at.inherited);
    return {
      id: b.id,
      lang,
      marker,
      number: b.number,
      label: b.number != null ? `${b.number}.` : BULLETS[at.depth % BULLETS.length],
      content: this.ctx.inline.inline(b.content),
      children: this.children(b.children, headings, { numbered: false, inherited: below, depth: at.depth + 1 }),
    };
  }

  private block(b: Block, headings: HeadingLevels, at: { numbered: boolean; inherited: boolean; depth: number }): ViewBlock | null {
    const { marker, lang, below } = this.own(b, at.inherited);
    const base = { id: b.id, lang, marker };
    const inner = { numbered: false, inherited: below, depth: at.depth + 1 };
    switch (b.kind) {
      case 'numbered':
        if (b.number != null) {
          return {
            ...base,
            kind: 'numbered',
            number: b.number,
            label: `${b.number}.`,
            content: this.ctx.inline.inline(b.content),
            children: this.children(b.children, headings, inner),
          };
        }
        return this.paragraph(base, this.ctx.inline.inline(b.content), this.children(b.children, headings, inner));
      case 'plain':
      case 'bullet':
        return this.paragraph(base, this.ctx.inline.inline(b.content), this.children(b.children, headings, inner));
      case 'list': {
        const items = b.children.map((c) => this.item(c, headings, { inherited: below, depth: at.depth }));
        return { ...base, kind: 'list', ordered: Boolean(b.ordered) && items.every((i) => i.number != null), items };
      }
      case 'heading':
        return { ...base, kind: 'heading', level: headings.next(b.depth ?? 2), content: this.ctx.inline.inline(b.content) };
      case 'table': {
        const t = b.table ?? { align: [], header: [], rows: [] };
        const columns = Math.max(t.header.length, ...t.rows.map((r) => r.length), 1);
        const row = (cells: readonly Block['content'][]) => Array.from({ length: columns }, (_, i) => this.ctx.inline.inline(cells[i] ?? []));
        return {
          ...base,
          kind: 'table',
          align: Array.from({ length: columns }, (_, i) => t.align[i] ?? null),
          head: t.header.length ? row(t.header) : [],
          rows: t.rows.map(row),
        };
      }
      case 'code':
        // Trailing blanks on a code line are invisible; no format keeps them.
        return { ...base, kind: 'code', value: (b.value ?? '').replace(/[ \t]+$/gm, ''), language: b.lang && /^[\w+#.-]+$/.test(b.lang) ? b.lang : null };
      case 'quote':
        return { ...base, kind: 'quote', children: this.children(b.children, headings, inner) };
      case 'html':
        return this.paragraph(base, this.ctx.inline.htmlBlock(b.value ?? ''), []);
      case 'rule':
        return { ...base, kind: 'rule' };
    }
  }

  /** A paragraph; one left with no words (a lone `<script>`, a comment) is not worth an empty box. */
  private paragraph(base: { id: string; lang: string | null; marker: Marker | null }, content: ViewInline[], children: ViewBlock[]): ViewBlock | null {
    if (!base.marker && !children.length && !hasWords(content)) return null;
    return { ...base, kind: 'paragraph', content, children };
  }
}

function hasWords(content: readonly ViewInline[]): boolean {
  return content.some((n) => {
    if (n.type === 'text') return n.value.trim() !== '';
    if (n.type === 'break') return false;
    if ('children' in n) return hasWords(n.children);
    return true;
  });
}
