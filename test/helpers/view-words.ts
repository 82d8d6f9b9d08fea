/**
 * The words of a briefing view, in reading order, as every format should
 * show them: `viewWords(view)` walks the view the way a reader reads a pack
 * (cover, contents, legend, background, text, annexes; the notes apart) and
 * cuts the text into words with the definition of words.ts.
 *
 * - Labels that are shown are words: paragraph numbers ("3."), list numbers,
 *   note numbers (at the reference and at the note), cover field labels,
 *   table headers, reference labels ("¶ 12"). Bullets and "¶" are no words.
 * - Superscripts, subscripts and note references may come back from a
 *   format glued to the word before or after them ("12th", "development1")
 *   or apart ("12 th", "12^(th)"): such a boundary is `soft`, and a reader
 *   of the pack may join the words on both sides of it (parity.ts).
 * - Table body words carry the words of their table's header, which the PDF
 *   repeats at the top of every page the table continues on.
 * - An embedded image shows no words; one that is not embedded shows its alt text.
 * - The notes are kept apart: the PDF prints them where it lays them out,
 *   and Word (pandoc) at the end of the text.
 */
import type { Annex, BriefingView, Cover, ContentsEntry, Part, ViewBlock, ViewInline, ViewItem } from '../../src/view/types.js';
import { words } from './words.js';

export interface Tok {
  /** The word, as words.ts gives it (NFKC, case-folded). */
  w: string;
  /** No white space between this word and the next one: a superscript, subscript or note reference stands between them. */
  soft?: boolean;
  /** In a table's body: the words of the table's header row. */
  head?: readonly string[];
}

export interface ViewWords {
  cover: Tok[];
  /** The contents (page furniture): heading and the text of each entry, depth first. */
  contents: { heading: string[]; entries: string[][] } | null;
  /** Everything else but the notes, in reading order: the legend of markers, then the parts. */
  body: Tok[];
  /** The heading of the notes part. */
  notesHeading: string[];
  /** Each note: its number, then its words. */
  notes: Array<{ number: number; words: Tok[] }>;
}

/** Soft boundary: superscripts, subscripts and note references. */
const SOFT = '\uE001';

/** Words of a run of text that may hold soft boundaries. */
export function tokens(text: string, head?: readonly string[]): Tok[] {
  const out: Tok[] = [];
  let before = '';
  for (const chunk of text.split(SOFT)) {
    const ws = words(chunk);
    // Glued to the text before: a letter or digit on both sides of the boundary.
    if (ws.length && out.length && /[\p{L}\p{N}]$/u.test(before) && /^[\p{L}\p{N}]/u.test(chunk)) out[out.length - 1].soft = true;
    for (const w of ws) out.push(head ? { w, head } : { w });
    before += chunk;
  }
  return out;
}

/** Plain words of a string (labels, cells of the annexes). */
function plain(text: string | null | undefined, head?: readonly string[]): Tok[] {
  return text ? tokens(text, head) : [];
}

/** The text of inline content as every format shows it, soft boundaries marked. */
function inlineText(nodes: readonly ViewInline[]): string {
  let s = '';
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
      case 'code':
        s += n.value;
        break;
      case 'superscript':
      case 'subscript':
        s += SOFT + inlineText(n.children) + SOFT;
        break;
      case 'noteRef':
        s += SOFT + String(n.number) + SOFT;
        break;
      case 'image':
        // An embedded picture has no words; a picture that is not there shows its alt text.
        s += n.image ? ' ' : ` ${n.alt} `;
        break;
      case 'break':
        s += ' ';
        break;
      default:
        s += inlineText(n.children);
    }
  }
  return s;
}

class Walker {
  readonly out: Tok[] = [];

  push(toks: Tok[]): void {
    for (const t of toks) this.out.push(t);
  }

  text(value: string | null | undefined, head?: readonly string[]): void {
    this.push(plain(value, head));
  }

  inline(nodes: readonly ViewInline[], head?: readonly string[]): void {
    this.push(tokens(inlineText(nodes), head));
  }

  marker(m: { label: string } | null): void {
    if (m) this.text(m.label);
  }

  blocks(list: readonly ViewBlock[]): void {
    for (const b of list) this.block(b);
  }

  block(b: ViewBlock): void {
    switch (b.kind) {
      case 'numbered':
        this.text(b.label);
        this.marker(b.marker);
        this.inline(b.content);
        this.blocks(b.children);
        break;
      case 'paragraph':
        this.marker(b.marker);
        this.inline(b.content);
        this.blocks(b.children);
        break;
      case 'list':
        this.marker(b.marker);
        for (const item of b.items) this.item(item);
        break;
      case 'heading':
        this.marker(b.marker);
        this.inline(b.content);
        break;
      case 'table': {
        this.marker(b.marker);
        const head = b.head.flatMap((cell) => tokens(inlineText(cell)).map((t) => t.w));
        for (const cell of b.head) this.inline(cell);
        for (const row of b.rows) for (const cell of row) this.inline(cell, b.head.length ? head : undefined);
        break;
      }
      case 'code':
        this.marker(b.marker);
        this.text(b.value);
        break;
      case 'quote':
        this.marker(b.marker);
        this.blocks(b.children);
        break;
      case 'rule':
        break;
    }
  }

  item(item: ViewItem): void {
    // "3." is a word; a bullet is not.
    this.text(item.label);
    this.marker(item.marker);
    this.inline(item.content);
    this.blocks(item.children);
  }

  /** An annex table: its header, then its rows (the rows carry the header's words). */
  table(header: string[], rows: string[][]): void {
    const head = header.flatMap((h) => words(h));
    for (const h of header) this.text(h);
    for (const row of rows) for (const cell of row) this.text(cell, head);
  }

  annex(a: Annex, labels: BriefingView['labels']): void {
    this.text(a.heading);
    switch (a.kind) {
      case 'commitments': {
        this.text(a.intro);
        if (!a.summary.total) {
          this.text(labels.none);
          break;
        }
        this.text(a.summary.heading);
        this.table([labels.strength, labels.count], [...a.summary.byStrength.map((s) => [s.label, String(s.count)]), [labels.total, String(a.summary.total)]]);
        this.table(
          [labels.actor, labels.count],
          a.summary.byActor.map((s) => [s.actor, String(s.count)]),
        );
        const header = [labels.paragraph, labels.actor, labels.verb, labels.strength, labels.clause];
        const rows = (list: (typeof a.groups)[number]['rows']) => list.map((r) => [r.ref.label, r.actor, r.verb, r.strengthLabel, r.text]);
        if (a.strongest) {
          this.text(a.strongest.heading);
          this.table(header, rows(a.strongest.rows));
        }
        for (const g of a.groups) {
          this.text(g.heading);
          this.table(header, rows(g.rows));
        }
        this.text(a.omitted);
        break;
      }
      case 'glossary':
        if (!a.rows.length) this.text(labels.none);
        else
          this.table(
            [labels.acronym, labels.expansion, labels.origin, labels.firstUse],
            a.rows.map((r) => [r.acronym, r.expansion ?? '', r.origin, r.firstUse.label]),
          );
        break;
      case 'instruments':
        if (!a.rows.length) this.text(labels.none);
        else
          this.table(
            [labels.instrument, labels.citedIn],
            a.rows.map((r) => [r.title, r.citations.length ? r.citations.map((c) => c.label).join(', ') : '—']),
          );
        break;
    }
  }

  part(p: Part, labels: BriefingView['labels']): void {
    switch (p.kind) {
      case 'background':
        this.text(p.heading);
        this.blocks(p.blocks);
        break;
      case 'text':
        this.inline(p.heading);
        for (const s of p.sections) {
          if (s.title) {
            this.marker(s.marker);
            this.inline(s.title);
          } else this.marker(s.marker);
          this.blocks(s.blocks);
        }
        break;
      case 'annexes':
        this.text(p.heading);
        for (const a of p.annexes) this.annex(a, labels);
        break;
      case 'notes':
        break;
      default:
        // The changes part of compare packs is laid out by each format in its own way: not covered here.
        throw new Error(`viewWords: a ${p.kind} part (compare packs) is not covered`);
    }
  }
}

function coverWords(cover: Cover): Tok[] {
  const w = new Walker();
  w.text(cover.organization);
  w.text(cover.kind);
  w.text(cover.title);
  for (const f of cover.fields) {
    w.text(f.label);
    w.text(f.value);
  }
  return w.out;
}

function flatten(entries: readonly ContentsEntry[], out: string[][] = []): string[][] {
  for (const e of entries) {
    out.push(words(e.text));
    flatten(e.children, out);
  }
  return out;
}

export function viewWords(view: BriefingView): ViewWords {
  const body = new Walker();
  for (const m of view.legend) body.text(m.label);
  for (const p of view.parts) body.part(p, view.labels);
  const notesPart = view.parts.find((p): p is Extract<Part, { kind: 'notes' }> => p.kind === 'notes');
  const notes = (notesPart?.notes ?? []).map((n) => {
    const w = new Walker();
    w.text(String(n.number));
    w.marker(n.marker);
    w.blocks(n.blocks);
    return { number: n.number, words: w.out };
  });
  return {
    cover: view.cover ? coverWords(view.cover) : [],
    contents: view.contents ? { heading: words(view.contents.heading), entries: flatten(view.contents.entries) } : null,
    body: body.out,
    notesHeading: notesPart ? words(notesPart.heading) : [],
    notes,
  };
}

/** Every word of the view in one list (cover, body, notes), for counts. */
export function allViewWords(v: ViewWords): string[] {
  return [...v.cover, ...v.body, ...v.notes.flatMap((n) => n.words)].map((t) => t.w);
}
