/**
 * Model -> pdfmake document definition (run phase), with no file written:
 * cover, contents, background note, the text, notes and annexes, plus the
 * running header and footer, outline (bookmarks) and metadata.
 */
import type { Declaration, Inline, Paragraph } from '../../model/schema.js';
import { fillLabel } from '../../view/labels.js';
import type { RenderContext } from '../context.js';
import { commitmentsTable, glossaryTable, instrumentsTable } from './annexes.js';
import { anchoredText, blockContent, keepWithNext, untranslatedRuns } from './blocks.js';
import { claimAnchor, createEnv, type PdfEnv } from './env.js';
import { FontSet } from './fonts.js';
import { GlyphRuns } from './glyph-runs.js';
import { inlineRuns, textRuns } from './inline.js';
import { COLORS, HEADING_MARGINS, PAGE_MARGINS, SIZES, STYLES, TEXT_WIDTH, UNTRANSLATED_MARK } from './theme.js';
import type { Content, DocDefinition, Node, Run } from './types.js';

export interface PdfOptions {
  /** A flat folder of font files replacing the npm font packages (default: BRIEFPACK_FONTS_DIR). */
  fontsDir?: string | null;
  /** The font set to use (and fill); lets a caller lay the definition out with `layoutPdf(definition, fonts)`. */
  fonts?: FontSet;
}

/** Destination ids of the parts; model ids never start with "bp-". */
export const PART_IDS = {
  background: 'bp-background',
  text: 'bp-text',
  notes: 'bp-notes',
  annexes: 'bp-annexes',
  commitments: 'bp-commitments',
  glossary: 'bp-glossary',
  instruments: 'bp-instruments',
} as const;

/** The pdfmake document definition of a model. Font files are read (once per process) to split text by glyph coverage. */
export function buildDocDefinition(model: Declaration, ctx: RenderContext, options: PdfOptions = {}): DocDefinition {
  return definitionWithFonts(model, ctx, options.fonts ?? new FontSet(ctx.file, options.fontsDir)).definition;
}

export function definitionWithFonts(model: Declaration, ctx: RenderContext, fonts: FontSet): { definition: DocDefinition; env: PdfEnv } {
  const glyphs = new GlyphRuns(fonts, model.meta.language);
  const env = createEnv(model, ctx.labels, glyphs);
  const cover = coverPage(env);
  // The text comes before notes and annexes, whose links need to know which destinations exist.
  const background = backgroundPart(env);
  const text = textPart(env);
  const notes = notesPart(env);
  const annexes = annexesPart(env);
  const contents = contentsPage(env);
  const definition: DocDefinition = {
    pageSize: 'A4',
    pageMargins: [...PAGE_MARGINS],
    version: '1.4',
    subset: 'PDF/A-1b',
    language: model.meta.language,
    info: documentInfo(model, ctx),
    defaultStyle: { font: glyphs.mainFamily, fontSize: SIZES.body, lineHeight: SIZES.lineHeight, color: COLORS.ink },
    styles: structuredClone(STYLES) as unknown as Record<string, Node>,
    header: runningHeader(env),
    footer: runningFooter(env),
    content: [cover, ...contents, ...background, ...text, ...notes, ...annexes],
  };
  return { definition, env };
}

/** PDF Info: title, author (meeting or chair), subject (kind), keywords (section titles), generator and dates. */
export function documentInfo(model: Declaration, ctx: RenderContext): DocDefinition['info'] {
  const { meta } = model;
  const date = new Date(ctx.epoch * 1000);
  const keywords = model.sections.map((s) => s.title).filter((t): t is string => Boolean(t));
  const info: DocDefinition['info'] = {
    title: meta.title ?? model.textTitle?.text ?? model.id,
    creator: `briefpack ${ctx.version}`,
    producer: `briefpack ${ctx.version}`,
    creationDate: date,
    modDate: date,
  };
  const author = meta.meeting ?? meta.chair;
  if (author) info.author = author;
  if (meta.kind) info.subject = meta.kind;
  if (keywords.length) info.keywords = keywords.join('; ');
  return info;
}

// --- headings -------------------------------------------------------------

interface HeadingOptions {
  id: string;
  style: 'h1' | 'h2' | 'h3' | 'h4';
  /** Nesting in contents and outline: 0 for parts. */
  level: number;
  outlineText: string;
  outlineParent?: string;
  pageBreak?: boolean;
}

/** A heading that is a contents entry, a bookmark and a destination, kept with what follows it. */
function heading(env: PdfEnv, runs: Run[], o: HeadingOptions): Node {
  const id = claimAnchor(env, o.id);
  const node: Node = { text: anchoredText(env, runs, id), style: o.style };
  if (id) {
    Object.assign(node, {
      id,
      tocItem: true,
      tocMargin: [o.level * 14, o.level === 0 ? 6 : 2, 0, 0],
      tocStyle: o.level === 0 ? { bold: true, color: COLORS.accent } : {},
      tocNumberStyle: o.level === 0 ? { bold: true, color: COLORS.accent } : {},
      outline: true,
      outlineText: o.outlineText,
      outlineExpanded: true,
      ...(o.outlineParent && env.anchors.has(o.outlineParent) ? { outlineParentId: o.outlineParent } : {}),
    });
  }
  return keepWithNext(node, HEADING_MARGINS[o.style], o.pageBreak ? { pageBreak: 'before' } : {});
}

// --- cover and contents ---------------------------------------------------

function formatDate(iso: string, language: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])));
  } catch {
    return iso;
  }
}

function metaMark(env: PdfEnv, key: string): Run[] {
  return env.model.translation?.untranslatedMeta.includes(key) ? untranslatedRuns(env, 'missing') : [];
}

function coverPage(env: PdfEnv): Node {
  const { model, labels } = env;
  const { meta } = model;
  const title = meta.title ?? model.textTitle?.text ?? model.id;
  const rows: Content[][] = [];
  const row = (label: string, key: string, value: string | null) => {
    if (value) rows.push([{ text: textRuns(label, env), style: 'coverLabel' }, { text: [...textRuns(value, env), ...metaMark(env, key)], style: 'coverValue' }]);
  };
  row(labels.meeting, 'meeting', meta.meeting);
  row(labels.venue, 'venue', meta.venue);
  row(labels.date, 'date', meta.date ? formatDate(meta.date, labels.language) : null);
  row(labels.chair, 'chair', meta.chair);
  const stack: Content[] = [];
  if (meta.marking) {
    stack.push({
      table: { widths: ['*'], body: [[{ text: [...textRuns(meta.marking, env), ...metaMark(env, 'marking')], style: 'marking', alignment: 'center' }]] },
      layout: { hLineWidth: () => 1, vLineWidth: () => 1, hLineColor: () => COLORS.marking, vLineColor: () => COLORS.marking, paddingTop: () => 4, paddingBottom: () => 4 },
      margin: [0, 0, 0, 0],
    });
  }
  stack.push({ text: '', margin: [0, meta.marking ? 110 : 140, 0, 0] });
  if (meta.kind) stack.push({ text: [...textRuns(meta.kind.toLocaleUpperCase(labels.language), env), ...metaMark(env, 'kind')], style: 'coverKind' });
  stack.push({ text: [...textRuns(title, env), ...metaMark(env, 'title')], style: 'coverTitle' });
  stack.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 96, y2: 0, lineWidth: 2.5, lineColor: COLORS.accent }], margin: [0, 0, 0, 22] });
  if (rows.length) stack.push({ table: { widths: [90, '*'], body: rows }, layout: 'noBorders' });
  return { stack, pageBreak: 'after' };
}

function contentsPage(env: PdfEnv): Content[] {
  const { labels } = env;
  const out: Content[] = [{ toc: { title: { text: textRuns(labels.contents, env), style: 'tocTitle' }, textStyle: 'toc', numberStyle: 'toc' } }];
  // Legend of the untranslated markers, only when some block carries one.
  const legend: Run[] = [];
  for (const state of ['missing', 'stale'] as const) {
    if (!env.marks.has(state)) continue;
    if (legend.length) legend.push({ text: '\n' });
    legend.push({ text: UNTRANSLATED_MARK[state], bold: true, color: COLORS.marking }, ...textRuns(`  ${state === 'missing' ? labels.untranslated : labels.stale}`, env));
  }
  if (legend.length) out.push({ text: legend, style: 'legend' });
  return out;
}

// --- the text -------------------------------------------------------------

function blocksOf(env: PdfEnv, paragraphs: readonly Paragraph[]): Content[] {
  const out: Content[] = [];
  for (const p of paragraphs) out.push(...blockContent(p, env, 0));
  return out;
}

function backgroundPart(env: PdfEnv): Content[] {
  const { model, labels } = env;
  if (!model.background.length) return [];
  return [
    heading(env, textRuns(labels.background, env), { id: PART_IDS.background, style: 'h1', level: 0, outlineText: labels.background, pageBreak: true }),
    ...blocksOf(env, model.background),
  ];
}

function textPart(env: PdfEnv): Content[] {
  const { model, labels } = env;
  const titleText = model.textTitle?.text ?? model.meta.title ?? labels.text;
  const titleRuns = model.textTitle ? inlineRuns(model.textTitle.content, env) : textRuns(titleText, env);
  const out: Content[] = [heading(env, titleRuns, { id: PART_IDS.text, style: 'h1', level: 0, outlineText: titleText, pageBreak: true })];
  // Outline parents: a section hangs under the nearest earlier section of a lower level, else under the text.
  const open: Array<{ level: number; id: string }> = [];
  for (const section of model.sections) {
    if (section.title) {
      while (open.length && open[open.length - 1].level >= section.level) open.pop();
      const parent = open.length ? open[open.length - 1].id : PART_IDS.text;
      const depth = open.length + 1;
      const style = section.level <= 2 ? 'h2' : section.level === 3 ? 'h3' : 'h4';
      const runs = [...inlineRuns(section.titleContent.length ? section.titleContent : [{ type: 'text', value: section.title } as Inline], env), ...untranslatedRuns(env, section.untranslated)];
      out.push(heading(env, runs, { id: section.id, style, level: depth, outlineText: section.title, outlineParent: parent }));
      open.push({ level: section.level, id: section.id });
    }
    for (const block of blocksOf(env, section.paragraphs)) out.push(block);
  }
  return out;
}

/** Where each footnote is first referenced (a top-level unit id), for the link back from the note. */
function noteBacklinks(model: Declaration): Map<string, string> {
  const out = new Map<string, string>();
  const scanInline = (nodes: readonly Inline[], unit: string) => {
    for (const n of nodes) {
      if (n.type === 'footnoteReference' && !out.has(n.identifier)) out.set(n.identifier, unit);
      else if ('children' in n) scanInline(n.children, unit);
    }
  };
  const scan = (p: Paragraph, unit: string) => {
    scanInline(p.content, unit);
    if (p.table) for (const row of [p.table.header, ...p.table.rows]) for (const cell of row) scanInline(cell, unit);
    for (const c of p.items) scan(c, unit);
    for (const c of p.blocks) scan(c, unit);
  };
  for (const p of model.background) scan(p, p.id);
  for (const s of model.sections) {
    scanInline(s.titleContent, s.id);
    for (const p of s.paragraphs) scan(p, p.id);
  }
  return out;
}

function notesPart(env: PdfEnv): Content[] {
  const { model, labels } = env;
  if (!model.footnotes.length) return [];
  const backlinks = noteBacklinks(model);
  const out: Content[] = [heading(env, textRuns(labels.footnotes, env), { id: PART_IDS.notes, style: 'h2', level: 1, outlineText: labels.footnotes, outlineParent: PART_IDS.text })];
  for (const note of [...model.footnotes].sort((a, b) => a.index - b.index)) {
    const back = backlinks.get(note.identifier);
    const numberStyle = back && env.anchors.has(back) ? { linkToDestination: back } : {};
    const id = claimAnchor(env, note.id);
    out.push({
      columns: [
        { width: SIZES.numberColumn, text: [...textRuns(`${note.index}.`, env, { ...numberStyle, bold: true, color: COLORS.accent }), ...untranslatedRuns(env, note.untranslated)], ...(id ? { id } : {}) },
        { width: '*', stack: note.blocks.length ? blocksOf(env, note.blocks) : [{ text: textRuns(note.text, env), style: 'paragraph' }] },
      ],
      columnGap: 0,
      style: 'note',
    });
  }
  return out;
}

function annexesPart(env: PdfEnv): Content[] {
  const { labels } = env;
  const sub = (id: string, title: string, body: Content[]): Content[] => [
    heading(env, textRuns(title, env), { id, style: 'h2', level: 1, outlineText: title, outlineParent: PART_IDS.annexes }),
    ...body,
  ];
  return [
    heading(env, textRuns(labels.annexes, env), { id: PART_IDS.annexes, style: 'h1', level: 0, outlineText: labels.annexes, pageBreak: true }),
    ...sub(PART_IDS.commitments, labels.commitments, commitmentsTable(env)),
    ...sub(PART_IDS.glossary, labels.glossary, glossaryTable(env)),
    ...sub(PART_IDS.instruments, labels.instruments, instrumentsTable(env)),
  ];
}

// --- running header and footer --------------------------------------------

const HEADER_CHARS = 110;

/** Header on every page but the cover: the short title (meta.shortTitle, else the title). */
function runningHeader(env: PdfEnv): DocDefinition['header'] {
  const { meta } = env.model;
  const title = meta.shortTitle ?? meta.title ?? env.model.textTitle?.text ?? env.model.id;
  // One line of header: a long title is cut (set meta.shortTitle for a better one).
  const short = textRuns([...title].length > HEADER_CHARS ? `${[...title].slice(0, HEADER_CHARS - 1).join('').trimEnd()}…` : title, env);
  const kind = meta.kind ? textRuns(meta.kind, env) : [];
  return (page) => {
    if (page === 1) return null;
    return {
      margin: [PAGE_MARGINS[0], 36, PAGE_MARGINS[2], 0],
      stack: [
        { columns: [{ width: '*', text: structuredClone(short) }, { width: 'auto', text: structuredClone(kind), alignment: 'right' }], columnGap: 12, style: 'runningHeader' },
        { canvas: [{ type: 'line', x1: 0, y1: 3, x2: TEXT_WIDTH, y2: 3, lineWidth: 0.4, lineColor: COLORS.rule }] },
      ],
    };
  };
}

/** Footer on every page: the marking (if any) and "Page X of Y". */
function runningFooter(env: PdfEnv): DocDefinition['footer'] {
  const { meta } = env.model;
  const marking = meta.marking ? textRuns(meta.marking, env) : [];
  const pageOf = env.labels.pageOf;
  return (page, pages) => ({
    margin: [PAGE_MARGINS[0], 24, PAGE_MARGINS[2], 0],
    columns: [
      { width: '*', text: structuredClone(marking), style: 'marking' },
      { width: 'auto', text: textRuns(fillLabel(pageOf, { page, pages }), env), alignment: 'right', style: 'runningFooter' },
    ],
  });
}
