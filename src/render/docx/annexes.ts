/**
 * Run phase (docx): the annexes. Three tables built from the analysis —
 * commitments by verb strength, the glossary of acronyms, the index of
 * instruments cited — whose paragraph cells link to the paragraph's bookmark.
 */
import { InternalHyperlink, Paragraph, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';
import type { Clause } from '../../model/schema.js';
import type { DocxContext } from './docx-context.js';
import { dataTable, partHeading, type BodyChild } from './blocks.js';
import { FIXED_BOOKMARKS } from './bookmarks.js';
import { STYLE, TEXT_WIDTH } from './styles.js';

export function annexes(dc: DocxContext): BodyChild[] {
  const { labels } = dc;
  return [
    partHeading(dc, labels.annexes, 1, FIXED_BOOKMARKS.annexes, { pageBreakBefore: true }),
    ...commitments(dc),
    ...glossary(dc),
    ...instruments(dc),
  ];
}

/** Operative clauses, strongest first; ties keep the order of the text. */
export function commitmentRows(clauses: readonly Clause[]): Clause[] {
  return clauses
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.type === 'operative')
    .sort((a, b) => b.c.rank - a.c.rank || a.i - b.i)
    .map(({ c }) => c);
}

function commitments(dc: DocxContext): BodyChild[] {
  const { labels } = dc;
  const rows = commitmentRows(dc.model.clauses);
  const out: BodyChild[] = [partHeading(dc, labels.commitments, 2, FIXED_BOOKMARKS.commitments)];
  out.push(new Paragraph({ style: STYLE.caption, children: [new TextRun(labels.commitmentsIntro)] }));
  if (!rows.length) return [...out, none(dc)];
  const widths = columns([0.14, 0.18, 0.16, 0.52]);
  out.push(
    dataTable(
      [
        headerRow([labels.paragraph, labels.verb, labels.strength, labels.clause], widths),
        ...rows.map((c) => row([links([c.paragraph], dc), text(c.surface), text(labels.strengths[c.strength] ?? c.strength), text(c.text)], widths)),
      ],
      widths,
    ),
  );
  return out;
}

function glossary(dc: DocxContext): BodyChild[] {
  const { labels } = dc;
  const out: BodyChild[] = [partHeading(dc, labels.glossary, 2, FIXED_BOOKMARKS.glossary)];
  if (!dc.model.glossary.length) return [...out, none(dc)];
  const widths = columns([0.18, 0.6, 0.22]);
  out.push(
    dataTable(
      [
        headerRow([labels.acronym, labels.expansion, labels.firstUse], widths),
        ...dc.model.glossary.map((g) =>
          row([text(g.acronym), g.expansion ? text(g.expansion) : [new TextRun({ text: labels.notExpanded, italics: true })], links([g.firstUse], dc)], widths),
        ),
      ],
      widths,
    ),
  );
  return out;
}

function instruments(dc: DocxContext): BodyChild[] {
  const { labels } = dc;
  const out: BodyChild[] = [partHeading(dc, labels.instruments, 2, FIXED_BOOKMARKS.instruments)];
  if (!dc.model.instruments.length) return [...out, none(dc)];
  const widths = columns([0.65, 0.35]);
  out.push(
    dataTable(
      [headerRow([labels.instrument, labels.citedIn], widths), ...dc.model.instruments.map((i) => row([text(i.title), links(i.paragraphs, dc)], widths))],
      widths,
    ),
  );
  return out;
}

/** Internal links to paragraphs, comma separated ("¶ 2, ¶ 11"). */
function links(ids: readonly string[], dc: DocxContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  ids.forEach((id, i) => {
    if (i > 0) out.push(new TextRun(', '));
    const anchor = dc.bookmarks.name(id);
    const label = dc.bookmarks.label(id);
    out.push(anchor ? new InternalHyperlink({ anchor, children: [new TextRun({ text: label, style: STYLE.hyperlink })] }) : new TextRun(label));
  });
  return out;
}

function text(value: string): ParagraphChild[] {
  return [new TextRun(value)];
}

function none(dc: DocxContext): Paragraph {
  return new Paragraph({ children: [new TextRun({ text: dc.labels.none, italics: true })] });
}

function columns(shares: number[]): number[] {
  const widths = shares.map((s) => Math.floor(TEXT_WIDTH * s));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function headerRow(titles: string[], widths: number[]): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map((t, i) => cell([new TextRun(t)], widths[i], STYLE.tableHeading)),
  });
}

function row(cells: ParagraphChild[][], widths: number[]): TableRow {
  return new TableRow({ children: cells.map((c, i) => cell(c, widths[i], STYLE.tableContents)) });
}

function cell(children: ParagraphChild[], width: number, style: string): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ style, children })] });
}
