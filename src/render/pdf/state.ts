/**
 * What every handler of the PDF definition shares for one document (in the
 * manner of mdast-util-to-hast's `State`): the view, the look, the fonts and
 * glyph splitters, the embedded images, and the destinations placed so far
 * (so no id is placed twice, which pdfmake rejects, and a link whose
 * destination never appears is turned back into plain text). `one` and `all`
 * send view blocks to the block handlers, `inline` sends inline nodes to the
 * inline handlers; the walker decides order and coverage, handlers only map.
 */
import type { BriefingView, ContentsEntry, ViewBlock, ViewInline, ViewNote } from '../../view/types.js';
import { blockHandlers, type BlockHandler } from './blocks.js';
import { mainFaceFor, type FaceName, type FontSet } from './fonts.js';
import { GlyphRuns } from './glyph-runs.js';
import { hyphenatorFor } from './hyphenate.js';
import { footnoteNode } from './notes.js';
import type { ImageBox } from './images.js';
import { ImageStore } from './images.js';
import { inlineHandlers, type InlineHandler } from './inline.js';
import { withChangeBar } from './changes.js';
import type { PdfLook } from './theme.js';
import type { Content, Node, Piece, Run, RunStyle } from './types.js';

/**
 * Where the content being built sits: its language, whether it is a heading
 * or code, the width it has, whether its words get soft hyphens (body text of
 * a tagged document).
 */
export interface Place {
  lang: string;
  role: 'text' | 'heading' | 'code';
  width: number;
  hyphens: boolean;
}

/** Faces the theme asks for (null: the face of the language). */
export interface Faces {
  text: FaceName | null;
  heading: FaceName | null;
}

/** A bookmark: the words of its contents entry, and the entry it stands under. */
export interface OutlineEntry {
  text: string;
  parent: string | null;
}

export class PdfState {
  /** Bookmarks by destination: the view's outline (there with or without a contents page). */
  readonly outline = new Map<string, OutlineEntry>();
  /** Destination ids placed in the definition. */
  readonly anchors = new Set<string>();
  readonly images = new ImageStore();
  /** For each note reference (its anchor), the unit that holds it: the way back from the note. */
  readonly refHolders = new Map<string, string>();
  /** The unit whose content is being built (the holder of the note references met). */
  holder: string | null = null;
  /** The face the definition's default style sets. */
  readonly documentFace: FaceName;
  /**
   * The language the enclosing node of the definition declares (its element's
   * /Lang): runs in another language carry their own (a Span).
   */
  nodeLang: string;
  /** Level of the last heading built (for headingTag): 0 before the first. */
  headingLevel = 0;
  /** Notes printed at the foot of the page of their first reference (ids). */
  readonly attached = new Set<string>();
  private readonly notes = new Map<string, ViewNote>();
  /** Building a note at the foot of a page: its own references do not attach notes. */
  private inNote = false;
  private place: Place;
  /** The splitter of `place` (null: not looked up yet). */
  private splitter: GlyphRuns | null = null;
  private readonly splitters = new Map<string, GlyphRuns>();
  private readonly links: Array<{ run: Run; color: string | undefined }> = [];

  constructor(
    readonly view: BriefingView,
    readonly look: PdfLook,
    readonly fonts: FontSet,
    readonly faces: Faces,
    /** The pdfmake patch is there: tags, footnotes at the foot of the page, hyphenation, justification. */
    readonly tagged: boolean = true,
  ) {
    this.documentFace = faces.text ?? mainFaceFor(view.lang);
    this.nodeLang = view.lang;
    this.place = { lang: view.lang, role: 'text', width: look.textWidth, hyphens: false };
    for (const part of view.parts) if (part.kind === 'notes') for (const note of part.notes) this.notes.set(note.id, note);
    const walk = (entries: readonly ContentsEntry[], parent: string | null) => {
      for (const e of entries) {
        if (!this.outline.has(e.target)) this.outline.set(e.target, { text: e.text, parent });
        walk(e.children, e.target);
      }
    };
    walk(view.outline, null);
  }

  /** The glyph splitter of the current language and role. */
  get glyphs(): GlyphRuns {
    return (this.splitter ??= this.splitterFor(this.place));
  }

  private splitterFor({ lang, role }: Place): GlyphRuns {
    const key = `${role}\u0000${lang}`;
    let hit = this.splitters.get(key);
    if (!hit) {
      const heading = role === 'heading' ? this.faces.heading : null;
      const main = role === 'code' ? 'NotoSansMono' : (heading ?? this.faces.text ?? mainFaceFor(lang));
      hit = new GlyphRuns(this.fonts, lang, { main, inherited: heading ?? this.documentFace });
      this.splitters.set(key, hit);
    }
    return hit;
  }

  /** Width available to the content being built. */
  get width(): number {
    return this.place.width;
  }

  /** Build with a different language, role or width (an undefined value keeps the current one). */
  within<T>(change: Partial<Place>, build: () => T): T {
    const saved = this.place;
    const savedSplitter = this.splitter;
    this.place = {
      lang: change.lang ?? saved.lang,
      role: change.role ?? saved.role,
      width: change.width ?? saved.width,
      hyphens: change.hyphens ?? saved.hyphens,
    };
    if (this.place.lang !== saved.lang || this.place.role !== saved.role) this.splitter = null;
    try {
      return build();
    } finally {
      this.place = saved;
      this.splitter = savedSplitter;
    }
  }

  /** The box an image may fill here: the width available, and most of a page's height. */
  imageBox(): ImageBox {
    return { maxWidth: Math.max(24, this.place.width), maxHeight: this.look.textHeight * 0.75 };
  }

  /**
   * Runs for plain text. Soft line breaks and tabs become spaces. Body text
   * gets soft hyphens; a run in another language than its node's says so.
   */
  text(value: string, style: RunStyle = {}): Run[] {
    let text = value.replace(/[\t\r\n]+/g, ' ');
    if (this.place.hyphens && this.place.role === 'text' && this.tagged) text = hyphenatorFor(this.place.lang)?.hyphenate(text) ?? text;
    return this.glyphs.split(text, this.place.lang !== this.nodeLang ? { ...style, lang: this.place.lang } : style);
  }

  /** Runs of code: the monospace face, never hyphenated. */
  code(value: string, style: RunStyle = {}): Run[] {
    return this.within({ role: 'code' }, () => this.glyphs.split(value, this.place.lang !== this.nodeLang ? { ...style, lang: this.place.lang } : style));
  }

  /**
   * Build content whose nodes declare `lang` (a block in another language
   * than the document's): the language is set on the nodes that become
   * structure elements, and runs inside need no /Lang of their own.
   */
  inLanguage(lang: string | null | undefined, build: () => Content[]): Content[] {
    if (!lang) return build();
    const saved = this.nodeLang;
    this.nodeLang = lang;
    try {
      const out = this.within({ lang }, build);
      if (lang !== saved) for (const node of out) declareLang(node, lang);
      return out;
    } finally {
      this.nodeLang = saved;
    }
  }

  /**
   * The note to print at the foot of the page of this reference: the note's
   * node the first time one of its references is met (in a tagged document,
   * outside notes), else undefined (the reference only links to the note).
   */
  footnote(noteId: string): Node | undefined {
    const note = this.notes.get(noteId);
    if (!this.tagged || this.inNote || !note || this.attached.has(noteId)) return undefined;
    this.attached.add(noteId);
    const saved = { place: this.place, splitter: this.splitter, nodeLang: this.nodeLang, holder: this.holder };
    this.inNote = true;
    this.place = { lang: this.view.lang, role: 'text', width: this.look.textWidth, hyphens: false };
    this.splitter = null;
    this.nodeLang = this.view.lang;
    try {
      return footnoteNode(this, note);
    } finally {
      this.inNote = false;
      this.place = saved.place;
      this.splitter = saved.splitter;
      this.nodeLang = saved.nodeLang;
      this.holder = saved.holder;
    }
  }

  /** Pieces for inline content; `style` is the style of the surrounding block. */
  inline(nodes: readonly ViewInline[], style: RunStyle = {}): Piece[] {
    const out: Piece[] = [];
    for (const node of nodes) out.push(...(inlineHandlers[node.type] as InlineHandler<typeof node.type>)(this, node as never, style));
    return out;
  }

  /**
   * Pieces linked to a destination of this document. The link is kept if
   * the destination is placed anywhere in the definition (checked by
   * `unlinkMissing` once everything is built).
   */
  linkTo(target: string, style: RunStyle, build: (linked: RunStyle) => Piece[]): Piece[] {
    const pieces = build({ ...style, linkToDestination: target, color: this.look.colors.link });
    for (const piece of pieces) if ('text' in piece) this.links.push({ run: piece, color: style.color });
    return pieces;
  }

  /** Plain text runs of a reference label, linked to its target. */
  refRuns(ref: { target: string; label: string }, style: RunStyle = {}): Run[] {
    return this.linkTo(ref.target, style, (linked) => this.text(ref.label, linked)) as Run[];
  }

  /** Links whose destination was never placed become plain text. */
  unlinkMissing(): void {
    for (const { run, color } of this.links) {
      if (run.linkToDestination && this.anchors.has(run.linkToDestination)) continue;
      delete run.linkToDestination;
      if (color === undefined) delete run.color;
      else run.color = color;
    }
    this.links.length = 0;
  }

  /** Claim a destination id: the id the first time, undefined when it is already placed. */
  claim(id: string | null | undefined): string | undefined {
    if (!id || this.anchors.has(id)) return undefined;
    this.anchors.add(id);
    return id;
  }

  /** Build with `holder` as the unit whose note references are met. */
  hold<T>(holder: string, build: () => T): T {
    const saved = this.holder;
    this.holder = holder;
    try {
      return build();
    } finally {
      this.holder = saved;
    }
  }

  /** Content of one view block, in its own language when it has one. */
  one(block: ViewBlock): Content[] {
    const handler = blockHandlers[block.kind] as BlockHandler<typeof block.kind>;
    const content = this.hold(block.id, () => this.within({ hyphens: true }, () => this.inLanguage(block.lang, () => handler(this, block as never))));
    return block.change ? withChangeBar(this, block, content) : content;
  }

  /** Content of blocks, in order. */
  all(blocks: readonly ViewBlock[]): Content[] {
    const out: Content[] = [];
    for (const block of blocks) out.push(...this.one(block));
    return out;
  }
}

/** Put `lang` on the nodes of `content` that become structure elements (tagged, or text), through untagged groups. */
function declareLang(content: Content, lang: string): void {
  if (typeof content !== 'object' || content === null) return;
  const node = content as Node;
  if (node.tag === 'Artifact') return;
  if (node.tag || node.table || (node.text !== undefined && !node.stack)) {
    node.lang ??= lang;
    return;
  }
  for (const key of ['stack', 'columns'] as const) {
    const kids = node[key];
    if (Array.isArray(kids)) for (const kid of kids) declareLang(kid as Content, lang);
  }
}
