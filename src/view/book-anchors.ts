/**
 * Anchors of a book, decided once: every anchor of a document's parts (its
 * paragraphs, sections, notes, note references, its background and text
 * parts) becomes the document's id, `--`, and the anchor it has on its own
 * (`apec-2025--p7`), and so does every target that reaches one (internal
 * links, note references, contents entries). Links that name a document of
 * the book become internal links to its anchors (see model/book-links.ts).
 */
import { bookAnchor, resolveBookLink } from '../model/book-links.js';
import type { Annex, BookAnnex, ContentsEntry, Part, ViewBlock, ViewInline, ViewItem, ViewNote, ViewSection } from './types.js';

/** Rewrites ids and targets of one document's view nodes, in place. */
export class AnchorPrefix {
  constructor(
    private readonly prefix: string,
    /** Each document of the book and its own anchors, for links that name one (the brief's); null: such links are left alone. */
    private readonly documents: ReadonlyMap<string, ReadonlySet<string>> | null = null,
  ) {}

  id(id: string): string {
    return bookAnchor(this.prefix, id);
  }

  parts(parts: Part[]): Part[] {
    for (const part of parts) this.part(part);
    return parts;
  }

  contents(entries: ContentsEntry[]): ContentsEntry[] {
    for (const e of entries) {
      e.target = this.id(e.target);
      this.contents(e.children);
    }
    return entries;
  }

  private part(part: Part): void {
    part.id = this.id(part.id);
    switch (part.kind) {
      case 'background':
        this.blocks(part.blocks);
        break;
      case 'text':
        part.heading = this.inline(part.heading);
        for (const s of part.sections) this.section(s);
        break;
      case 'notes':
        for (const n of part.notes) this.note(n);
        break;
      case 'document':
        this.parts(part.parts);
        break;
      // A document's view holds no annexes, changes or book annexes (the book has its own).
      case 'annexes':
      case 'changes':
      case 'bookAnnexes':
        break;
    }
  }

  private section(s: ViewSection): void {
    s.id = this.id(s.id);
    if (s.title) s.title = this.inline(s.title);
    this.blocks(s.blocks);
  }

  private note(n: ViewNote): void {
    n.id = this.id(n.id);
    n.refs = n.refs.map((r) => this.id(r));
    this.blocks(n.blocks);
  }

  private blocks(list: ViewBlock[]): void {
    for (const b of list) this.block(b);
  }

  private block(b: ViewBlock): void {
    b.id = this.id(b.id);
    switch (b.kind) {
      case 'numbered':
      case 'paragraph':
        b.content = this.inline(b.content);
        this.blocks(b.children);
        break;
      case 'list':
        for (const item of b.items) this.item(item);
        break;
      case 'heading':
        b.content = this.inline(b.content);
        break;
      case 'table':
        b.head = b.head.map((cell) => this.inline(cell));
        b.rows = b.rows.map((row) => row.map((cell) => this.inline(cell)));
        break;
      case 'quote':
        this.blocks(b.children);
        break;
      case 'code':
      case 'rule':
        break;
    }
  }

  private item(item: ViewItem): void {
    item.id = this.id(item.id);
    item.content = this.inline(item.content);
    this.blocks(item.children);
  }

  private inline(nodes: ViewInline[]): ViewInline[] {
    const out: ViewInline[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'xref':
          out.push({ ...node, target: this.id(node.target), children: this.inline(node.children) });
          break;
        case 'noteRef':
          out.push({ ...node, note: this.id(node.note), anchor: this.id(node.anchor) });
          break;
        case 'link': {
          const children = this.inline(node.children);
          const resolved = this.documents ? resolveBookLink(node.href, this.documents) : { kind: 'other' as const };
          if (resolved.kind === 'document') out.push({ type: 'xref', target: resolved.target, children });
          // A broken document link keeps its words (the pipeline reported it).
          else if (resolved.kind === 'broken') out.push(...children);
          else out.push({ ...node, children });
          break;
        }
        default:
          out.push('children' in node ? ({ ...node, children: this.inline(node.children) } as ViewInline) : node);
      }
    }
    return out;
  }
}

/** Every anchor the parts of a book place (parts, sections, blocks, items, notes, note references, annexes and their rows). */
export function placedAnchors(parts: readonly Part[]): Set<string> {
  const ids = new Set<string>();
  const inline = (nodes: readonly ViewInline[]) => {
    for (const n of nodes) {
      if (n.type === 'noteRef') ids.add(n.anchor);
      else if ('children' in n) inline(n.children);
    }
  };
  const blocks = (list: readonly ViewBlock[]) => {
    for (const b of list) {
      ids.add(b.id);
      if (b.kind === 'numbered' || b.kind === 'paragraph') {
        inline(b.content);
        blocks(b.children);
      } else if (b.kind === 'list') {
        for (const item of b.items) {
          ids.add(item.id);
          inline(item.content);
          blocks(item.children);
        }
      } else if (b.kind === 'heading') inline(b.content);
      else if (b.kind === 'table') for (const row of [b.head, ...b.rows]) for (const cell of row) inline(cell);
      else if (b.kind === 'quote') blocks(b.children);
    }
  };
  const annex = (a: Annex | BookAnnex) => {
    ids.add(a.id);
    if (a.kind === 'commitments' || a.kind === 'bookCommitments') for (const g of a.groups) ids.add(g.id);
    if (a.kind === 'glossary' || a.kind === 'bookGlossary') for (const r of a.rows) ids.add(r.id);
  };
  const walk = (list: readonly Part[]) => {
    for (const part of list) {
      ids.add(part.id);
      if (part.kind === 'background') blocks(part.blocks);
      else if (part.kind === 'text') {
        inline(part.heading);
        for (const s of part.sections) {
          ids.add(s.id);
          if (s.title) inline(s.title);
          blocks(s.blocks);
        }
      } else if (part.kind === 'notes') {
        for (const n of part.notes) {
          ids.add(n.id);
          blocks(n.blocks);
        }
      } else if (part.kind === 'document') walk(part.parts);
      else if (part.kind === 'annexes' || part.kind === 'bookAnnexes') for (const a of part.annexes) annex(a);
    }
  };
  walk(parts);
  return ids;
}

/** Internal links whose target the book does not place keep their words only (a document's link to its own annexes, which a book has not). */
export function unlinkDangling(parts: Part[], placed: ReadonlySet<string>): void {
  const inline = (nodes: ViewInline[]): ViewInline[] => {
    const out: ViewInline[] = [];
    for (const n of nodes) {
      if (n.type === 'xref' && !placed.has(n.target)) out.push(...inline(n.children));
      else out.push('children' in n ? ({ ...n, children: inline(n.children) } as ViewInline) : n);
    }
    return out;
  };
  const blocks = (list: ViewBlock[]) => {
    for (const b of list) {
      if (b.kind === 'numbered' || b.kind === 'paragraph') {
        b.content = inline(b.content);
        blocks(b.children);
      } else if (b.kind === 'list') {
        for (const item of b.items) {
          item.content = inline(item.content);
          blocks(item.children);
        }
      } else if (b.kind === 'heading') b.content = inline(b.content);
      else if (b.kind === 'table') {
        b.head = b.head.map(inline);
        b.rows = b.rows.map((row) => row.map(inline));
      } else if (b.kind === 'quote') blocks(b.children);
    }
  };
  for (const part of parts) {
    if (part.kind === 'background') blocks(part.blocks);
    else if (part.kind === 'text') {
      part.heading = inline(part.heading);
      for (const s of part.sections) {
        if (s.title) s.title = inline(s.title);
        blocks(s.blocks);
      }
    } else if (part.kind === 'notes') for (const n of part.notes) blocks(n.blocks);
    else if (part.kind === 'document') unlinkDangling(part.parts, placed);
  }
}
