/**
 * Import (docx): mammoth's HTML + the paragraph facts of prepare.ts -> mdast.
 *
 * Each block mammoth wrote carries the marker of the Word paragraph it came
 * from. Inline content goes through hast-util-to-mdast (with handlers for
 * note references, `<sup>`/`<sub>` and bookmarks); the blocks are then put
 * together here: headings by level, list paragraphs into lists that keep
 * Word's numbers (`data.number` on each item), blocks indented under a list
 * item into that item, quotes, code, rules, tables, and the notes.
 */
import type { Element as HastElement, ElementContent, Root as HastRoot, Text as HastText } from 'hast';
import type { BlockContent, DefinitionContent, FootnoteDefinition, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import { fromHtml } from 'hast-util-from-html';
import { toMdast, type Handle, type State } from 'hast-util-to-mdast';
import { toString } from 'mdast-util-to-string';
import { MARKER, type ParagraphInfo, type Prepared } from './prepare.js';
import type { ImportMessage } from './messages.js';

type Block = BlockContent | DefinitionContent;

export interface Assembled {
  blocks: RootContent[];
  footnotes: FootnoteDefinition[];
  /** The text of the first Title paragraph (generic Word files). */
  titleParagraph: string | null;
}

export interface AssembleOptions {
  /** Headings the text part has when its source gave it none (the cover title, the "Text" label): such a heading is no title of the text. */
  plainTextHeadings: string[];
  messages: ImportMessage[];
}

interface Entry {
  info: ParagraphInfo | null;
  el: HastElement;
  /** Tables: the alignment of each header cell's paragraph. */
  aligns?: Table['align'];
}

/** Tolerance, in twips, when comparing indents. */
const SLACK = 60;

export function assemble(html: string, prepared: Prepared, options: AssembleOptions): Assembled {
  const tree = fromHtml(html, { fragment: true });
  const top = tree.children.filter((c): c is HastElement => c.type === 'element');
  const noteLists = top.filter(isNoteList);
  const body = top.filter((el) => !noteLists.includes(el));

  const ctx = new Context(prepared, options);
  // Note labels in the order the text first refers to them, as Word numbers them.
  for (const el of body) for (const id of noteReferences(el)) ctx.noteLabel(id);
  const notes = new Map<string, HastElement>();
  for (const ol of noteLists) for (const li of ol.children) if (li.type === 'element' && li.tagName === 'li') notes.set(String(li.properties.id ?? ''), li);
  for (const id of notes.keys()) ctx.noteLabel(id);

  const builder = new Builder(ctx, false);
  const unreferenced: FootnoteDefinition[] = [];
  let inNotes = false;
  let currentNote: { def: FootnoteDefinition; builder: Builder } | null = null;
  const closeNote = () => {
    if (currentNote) currentNote.def.children = currentNote.builder.finish() as FootnoteDefinition['children'];
    currentNote = null;
  };
  for (const el of body) {
    const entry = ctx.entry(el);
    const info = entry.info;
    if (prepared.briefpack && info?.bookmarks.includes('notes') && info.heading) {
      inNotes = true;
      continue;
    }
    if (inNotes) {
      if (info?.heading) {
        closeNote();
        inNotes = false;
      } else {
        const label = noteLabelParagraph(el);
        if (label !== null) {
          closeNote();
          currentNote = { def: { type: 'footnoteDefinition', identifier: label, label, children: [] }, builder: new Builder(ctx, true) };
          unreferenced.push(currentNote.def);
          // The note's first paragraph follows its number in the same paragraph.
          if (hastText(el).replace(MARKER, '').trim()) currentNote.builder.add(ctx.entry(el));
        } else if (currentNote) currentNote.builder.add(entry);
        else builder.add(entry);
        continue;
      }
    }
    builder.add(entry);
  }
  closeNote();

  const footnotes: FootnoteDefinition[] = [];
  for (const [id, li] of notes) {
    const noteBuilder = new Builder(ctx, true);
    for (const c of li.children) if (c.type === 'element') noteBuilder.add(ctx.entry(c));
    const label = ctx.noteLabel(id);
    footnotes.push({ type: 'footnoteDefinition', identifier: label, label, children: noteBuilder.finish() as FootnoteDefinition['children'] });
  }
  footnotes.sort((a, b) => Number(a.identifier) - Number(b.identifier));
  return { blocks: builder.finish() as RootContent[], footnotes: [...footnotes, ...unreferenced], titleParagraph: ctx.titleParagraph };
}

/** What the whole conversion shares: paragraph facts, note labels, heading shift. */
class Context {
  readonly bookmarks = new Set<string>();
  readonly referenced = new Set<string>();
  private readonly labels = new Map<string, string>();
  /** Heading levels move down one when a Title paragraph takes `#` (generic files). */
  readonly headingShift: number;
  titleParagraph: string | null = null;

  constructor(
    readonly prepared: Prepared,
    readonly options: AssembleOptions,
  ) {
    for (const p of prepared.paragraphs) for (const b of p.bookmarks) this.bookmarks.add(b);
    const body = prepared.paragraphs.filter((p) => p.part === 'body');
    const hasTitle = !prepared.briefpack && body.some((p) => p.title && p.text.trim());
    const levels = body.filter((p) => p.heading != null && !p.title && p.text.trim()).map((p) => p.heading!);
    this.headingShift = hasTitle && levels.length && Math.min(...levels) === 1 ? 1 : 0;
  }

  /** The Markdown label of a note ("footnote-3", "endnote-1"): 1, 2, 3… in order of first use. */
  noteLabel(id: string): string {
    let label = this.labels.get(id);
    if (!label) this.labels.set(id, (label = String(this.labels.size + 1)));
    return label;
  }

  /** A block of mammoth's HTML with the facts of its first paragraph; markers are taken out of its text. */
  entry(el: HastElement): Entry {
    let first: number | null = null;
    const inTable = el.tagName === 'table';
    const aligns = inTable ? headerAligns(el, this.prepared) : undefined;
    visitText(el, (text) => {
      text.value = text.value.replace(MARKER, (_, n: string) => {
        const index = Number(n);
        if (first === null) first = index;
        const info = this.prepared.paragraphs[index];
        // A list paragraph inside a table cell keeps its number as text: a Markdown cell holds no list.
        if (inTable && info?.list?.ordered) return `${info.list.label} `;
        return '';
      });
    });
    return { info: first === null ? null : (this.prepared.paragraphs[first] ?? null), el, aligns };
  }

  /** hast -> mdast for one block, with briefpack's handlers. */
  convert(el: HastElement): RootContent[] {
    const root: HastRoot = { type: 'root', children: [el] };
    const mdast = toMdast(root, { handlers: this.handlers });
    return (mdast as { children: RootContent[] }).children;
  }

  private readonly handlers: Record<string, Handle> = {
    sup: (state, node) => this.sup(state, node),
    sub: (state, node) => wrapHtml(state, node, 'sub'),
    a: (state, node) => this.link(state, node),
    img: (state, node) => {
      const alt = String(node.properties.alt ?? '').trim();
      this.options.messages.push({
        ruleId: 'import-image',
        severity: 'warning',
        reason: alt ? `An image is not imported; its alt text "${alt}" is kept` : 'An image without alt text is not imported',
      });
      return alt ? { type: 'text', value: alt } : undefined;
    },
  };

  private sup(state: State, node: HastElement): PhrasingContent | PhrasingContent[] | undefined {
    const anchor = node.children.find((c): c is HastElement => c.type === 'element' && c.tagName === 'a');
    const href = anchor ? String(anchor.properties.href ?? '') : '';
    const m = /^#((?:footnote|endnote)-[^\s]+)$/.exec(href);
    if (m) {
      const label = this.noteLabel(m[1]);
      this.referenced.add(m[1]);
      return { type: 'footnoteReference', identifier: label, label };
    }
    // briefpack writes a second reference to a note as the note's number in superscript (Word numbers
    // notes in order of reference, as the labels here are).
    const text = hastText(node).trim();
    if (this.prepared.briefpack && /^\d+$/.test(text) && [...this.referenced].some((id) => this.noteLabel(id) === text)) {
      return { type: 'footnoteReference', identifier: text, label: text };
    }
    return wrapHtml(state, node, 'sup');
  }

  private link(state: State, node: HastElement): PhrasingContent | PhrasingContent[] | undefined {
    const href = node.properties.href == null ? '' : String(node.properties.href);
    const children = state.all(node) as PhrasingContent[];
    if (!href) return children;
    // mammoth's links from a note back to its reference.
    if (/^#(footnote|endnote)-ref-/.test(href)) return [];
    if (href.startsWith('#')) {
      const anchor = decodeURIComponent(href.slice(1));
      // A note cited again: Word holds one footnote per note, so the repeat is a link to it showing its number.
      const shown = hastText(node).trim();
      if (this.prepared.briefpack && /^fn\d+$/.test(anchor) && /^\d+$/.test(shown) && [...this.referenced].some((id) => this.noteLabel(id) === shown)) {
        return { type: 'footnoteReference', identifier: shown, label: shown };
      }
      // Links to briefpack paragraphs keep their model id; other bookmarks are Word's own.
      if (this.prepared.briefpack && this.bookmarks.has(anchor) && /^(p\d+|[sb]\d+|fn\d+)/.test(anchor)) {
        return { type: 'link', url: `#${anchor.replace(/_/g, '-')}`, title: null, children };
      }
      return children;
    }
    return { type: 'link', url: href, title: node.properties.title ? String(node.properties.title) : null, children };
  }
}

/** Raw `<sup>`/`<sub>` around the converted children: briefpack's allow-list keeps them. */
function wrapHtml(state: State, node: HastElement, tag: string): PhrasingContent[] {
  const inner = state.all(node) as PhrasingContent[];
  if (!inner.length) return [];
  return [{ type: 'html', value: `<${tag}>` }, ...inner, { type: 'html', value: `</${tag}>` }];
}

interface Open {
  item: ListItem;
  /** Nesting depth in the Markdown. */
  level: number;
  numId: string;
  /** `w:ilvl` in Word. */
  wordLevel: number;
  /** The paragraph's own left indent. */
  indent: number;
  /** Where the item's text starts: blocks indented this far belong to it. */
  textIndent: number;
}

/** Puts the blocks of one flow (the body, or one note) together. */
class Builder {
  private readonly out: Block[] = [];
  private readonly stack: Open[] = [];

  constructor(
    private readonly ctx: Context,
    private readonly note: boolean,
  ) {}

  add(entry: Entry): void {
    const { info, el } = entry;
    const prepared = this.ctx.prepared;
    if (el.tagName === 'table') return this.table(entry);
    if (!/^(p|h[1-6])$/.test(el.tagName)) {
      // Anything else mammoth writes (lists without numbering info): convert as it is.
      this.closeLists();
      for (const n of this.ctx.convert(el)) this.out.push(n as Block);
      return;
    }
    if (info?.rule) {
      this.closeLists();
      this.out.push({ type: 'thematicBreak' });
      return;
    }
    const phrasing = this.phrasing(el);
    const empty = !phrasing.length || (!toString(phrasing).trim() && !phrasing.some((n) => n.type === 'footnoteReference'));
    if (empty) return;

    // Headings and briefpack's parts.
    if (!this.note && info?.heading != null && !info.list?.ordered) {
      this.closeLists();
      if (prepared.briefpack && info.bookmarks.includes('background')) {
        this.out.push(heading(1, [{ type: 'text', value: 'Background' }]));
        return;
      }
      if (prepared.briefpack && info.bookmarks.includes('text')) {
        if (!this.ctx.options.plainTextHeadings.includes(toString(phrasing).trim())) this.out.push(heading(1, phrasing));
        return;
      }
      const depth = prepared.briefpack ? info.heading : info.heading + this.ctx.headingShift;
      this.out.push(heading(Math.min(depth, 6), phrasing));
      return;
    }
    if (!this.note && info?.title && !prepared.briefpack) {
      this.closeLists();
      this.ctx.titleParagraph ??= toString(phrasing).trim();
      this.out.push(heading(1, phrasing));
      return;
    }
    if (!this.note && info?.heading != null && info.list?.ordered) {
      // A numbered heading: the number is part of its text.
      this.closeLists();
      const depth = prepared.briefpack ? info.heading : info.heading + this.ctx.headingShift;
      this.out.push(heading(Math.min(depth, 6), [{ type: 'text', value: `${info.list.label} ` }, ...phrasing]));
      return;
    }

    const paragraph: Paragraph = { type: 'paragraph', children: phrasing };
    if (info?.list) return this.listParagraph(info, paragraph);

    // A number typed as text ("12. We…") is a numbered paragraph.
    const typed = !this.note && !info?.inTable && !info?.quote && !info?.preformatted ? typedNumber(paragraph) : null;
    if (typed !== null) {
      this.closeLists();
      this.addItem(0, { ordered: true, number: typed, numId: 'typed', wordLevel: 0, indent: 0, textIndent: info?.indent ?? 0 }, paragraph);
      return;
    }

    if (info?.preformatted) {
      const container = this.container(info.indent);
      const last = container.at(-1);
      const line = toString(phrasing);
      if (last?.type === 'code' && !(prepared.briefpack && info.bookmarks.length)) last.value += `\n${line}`;
      else container.push({ type: 'code', lang: null, meta: null, value: line });
      return;
    }
    if (info?.quote) {
      const container = this.container(info.indent);
      const last = container.at(-1);
      if (last?.type === 'blockquote') last.children.push(paragraph);
      else container.push({ type: 'blockquote', children: [paragraph] });
      return;
    }
    this.container(info?.indent ?? 0).push(paragraph);
  }

  finish(): Block[] {
    this.closeLists();
    return this.out;
  }

  private phrasing(el: HastElement): PhrasingContent[] {
    const nodes = this.ctx.convert({ type: 'element', tagName: 'p', properties: {}, children: el.children });
    const p = nodes.find((n): n is Paragraph => n.type === 'paragraph');
    const children = p ? p.children : (nodes.filter((n) => n.type !== 'paragraph') as PhrasingContent[]);
    return trimPhrasing(children);
  }

  private table(entry: Entry): void {
    const { el, info } = entry;
    const nodes = this.ctx.convert(el);
    const table = nodes.find((n): n is Table => n.type === 'table');
    if (!table) return;
    const aligns = entry.aligns ?? [];
    // Left is the default: alignment is written only when a column is centred or right-aligned.
    if (aligns.some((a) => a === 'right' || a === 'center')) table.align = table.children[0]?.children.map((_, i) => aligns[i] ?? null) ?? [];
    if (this.note) {
      this.out.push(table);
      return;
    }
    const indent = info?.tableIndent ?? 0;
    this.container(indent).push(table);
  }

  private listParagraph(info: ParagraphInfo, paragraph: Paragraph): void {
    const list = info.list!;
    const level = this.levelOf(info);
    const textIndent = list.indent ?? info.indent;
    if (!list.ordered) {
      this.addItem(level, { ordered: false, number: null, numId: list.numId, wordLevel: list.level, indent: info.indent, textIndent }, paragraph);
      return;
    }
    const nested = this.stack.some((o) => o.level < level);
    const decimal = list.simple && /^(decimal|decimalZero)$/.test(list.format);
    if (!nested && !decimal && !this.note) {
      // A lettered or composite list at the outer level: its labels stay as text, so they are not taken for paragraph numbers.
      this.closeLists();
      paragraph.children.unshift({ type: 'text', value: `${list.label} ` });
      this.out.push(paragraph);
      return;
    }
    this.addItem(level, { ordered: true, number: list.value, numId: list.numId, wordLevel: list.level, indent: info.indent, textIndent }, paragraph);
  }

  /**
   * The nesting depth of a list paragraph: beside an open item of its own list
   * and level, under one of its own list's shallower levels, or — for another
   * list — under the open item it is indented beneath; else Word's level.
   */
  private levelOf(info: ParagraphInfo): number {
    const list = info.list!;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const o = this.stack[i];
      if (o.numId !== list.numId) continue;
      if (o.wordLevel === list.level) return o.level;
      if (o.wordLevel < list.level) return o.level + 1;
    }
    const top = this.stack.at(-1);
    if (top && info.indent > top.indent + SLACK && list.level <= top.level) return top.level + 1;
    return list.level;
  }

  private addItem(
    level: number,
    o: { ordered: boolean; number: number | null; numId: string; wordLevel: number; indent: number; textIndent: number },
    paragraph: Paragraph,
  ): void {
    while (this.stack.length && this.stack.at(-1)!.level >= level) this.stack.pop();
    const item: ListItem = { type: 'listItem', spread: false, children: [paragraph], data: o.number != null ? { number: o.number } : {} } as ListItem;
    const parent = this.stack.at(-1);
    const container: Block[] = parent ? (parent.item.children as Block[]) : this.out;
    const last = container.at(-1);
    if (last?.type === 'list' && last.ordered === o.ordered && (parent || this.stack.length === 0)) last.children.push(item);
    else container.push({ type: 'list', ordered: o.ordered, start: o.number ?? undefined, spread: o.ordered && !parent, children: [item] } as List);
    this.stack.push({ item, level, numId: o.numId, wordLevel: o.wordLevel, indent: o.indent, textIndent: o.textIndent });
  }

  /** Where a block indented by `indent` goes: the open list item it is indented under, or the flow. */
  private container(indent: number): Block[] {
    while (this.stack.length && (indent <= 0 || this.stack.at(-1)!.textIndent > indent + SLACK)) this.stack.pop();
    const top = this.stack.at(-1);
    if (!top) return this.out;
    top.item.spread = true;
    return top.item.children as Block[];
  }

  private closeLists(): void {
    this.stack.length = 0;
  }
}

function heading(depth: number, children: PhrasingContent[]): Heading {
  return { type: 'heading', depth: Math.max(1, Math.min(depth, 6)) as Heading['depth'], children };
}

/** `12. We…` typed at the start of a paragraph: the number, taken out of the text. */
function typedNumber(p: Paragraph): number | null {
  const first = p.children[0];
  if (first?.type !== 'text') return null;
  const m = /^(\d{1,5})\.[\s\u00a0\u3000]+(?=\S)/.exec(first.value);
  if (!m) return null;
  const n = Number(m[1]);
  if (n < 1) return null;
  first.value = first.value.slice(m[0].length);
  return n;
}

/** Alignment of the paragraphs of a table's first row (read from the markers, before they are taken out). */
function headerAligns(table: HastElement, prepared: Prepared): Table['align'] {
  const rows: HastElement[] = [];
  const walk = (e: HastElement) => {
    for (const c of e.children) {
      if (c.type !== 'element') continue;
      if (c.tagName === 'tr') rows.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') walk(c);
    }
  };
  walk(table);
  const first = rows[0];
  if (!first) return [];
  return first.children
    .filter((c): c is HastElement => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
    .map((cell) => {
      const m = /\uE000(\d+)\uE001/.exec(hastText(cell));
      const align = m ? prepared.paragraphs[Number(m[1])]?.align : null;
      return align === 'right' || align === 'center' || align === 'left' ? align : null;
    });
}

function isNoteList(el: HastElement): boolean {
  if (el.tagName !== 'ol') return false;
  const items = el.children.filter((c): c is HastElement => c.type === 'element');
  return items.length > 0 && items.every((li) => li.tagName === 'li' && /^(footnote|endnote)-/.test(String(li.properties.id ?? '')));
}

/** Note ids referred to in a block, in order. */
function noteReferences(el: HastElement): string[] {
  const out: string[] = [];
  const walk = (e: HastElement) => {
    if (e.tagName === 'a') {
      const m = /^#((?:footnote|endnote)-[^\s]+)$/.exec(String(e.properties.href ?? ''));
      if (m && !/-ref-/.test(m[1])) out.push(m[1]);
    }
    for (const c of e.children) if (c.type === 'element') walk(c);
  };
  walk(el);
  return out;
}

/** A paragraph of briefpack's "Notes" part that holds only a note's label in superscript. */
/**
 * The label of a listed note: a paragraph that opens with its number in
 * superscript (alone, or followed by the note's first words). The number is
 * taken out of the paragraph, which then holds the note's text only.
 */
function noteLabelParagraph(el: HastElement): string | null {
  const significant = (c: ElementContent) =>
    !(c.type === 'text' && !c.value.replace(MARKER, '').trim()) && !(c.type === 'element' && c.tagName === 'a' && !c.properties.href);
  const at = el.children.findIndex(significant);
  const first = el.children[at];
  if (!first || first.type !== 'element' || first.tagName !== 'sup') return null;
  const label = hastText(first).trim();
  if (!label || !/^[^\s\]]+$/.test(label)) return null;
  el.children.splice(at, 1);
  const next = el.children[at];
  if (next?.type === 'text') next.value = next.value.replace(/^ /, '');
  return label;
}

function visitText(el: HastElement, fn: (t: HastText) => void): void {
  for (const c of el.children) {
    if (c.type === 'text') fn(c);
    else if (c.type === 'element') visitText(c, fn);
  }
}

function hastText(el: HastElement | ElementContent): string {
  if (el.type === 'text') return el.value;
  if (el.type !== 'element') return '';
  return el.children.map(hastText).join('');
}

/** Drop leading and trailing white space of a paragraph's content, and note back-links. */
function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = nodes.filter((n) => !(n.type === 'link' && /^#(footnote|endnote)-ref-/.test(n.url)));
  while (out.length && out[0].type === 'text' && !out[0].value.trim()) out.shift();
  while (out.length && out.at(-1)!.type === 'text' && !(out.at(-1) as { value: string }).value.trim()) out.pop();
  if (out[0]?.type === 'text') out[0] = { ...out[0], value: out[0].value.replace(/^\s+/, '') };
  const last = out.at(-1);
  if (last?.type === 'text') out[out.length - 1] = { ...last, value: last.value.replace(/\s+$/, '') };
  return out;
}
