/**
 * Run phase (docx): every style of the Word briefing file, in one place.
 *
 * Style ids and names are Word's built-in ones wherever Word has the style
 * ("Heading 1", "List Number", "footnote text", "Table Grid"…), so Word and
 * LibreOffice map them onto their own, and a user restyles the whole pack by
 * changing one style. The few briefpack-only styles (cover details,
 * translation notes) are named for what they hold.
 *
 * The theme (`theme:` in briefpack.yaml) sets the accent colour of titles
 * and headings and, when it names them, the faces of the text and of the
 * headings; the page size decides the tab stops that span the text.
 */
import { AlignmentType, LineRuleType, UnderlineType, type IStylesOptions, type IParagraphStyleOptions, type ICharacterStyleOptions } from 'docx';
import type { Theme } from '../context.js';
import type { DocxLanguage } from './language.js';

/** Style ids, as written in `w:pStyle` / `w:rStyle` / `w:tblStyle`. */
export const STYLE = {
  normal: 'Normal',
  title: 'Title',
  subtitle: 'Subtitle',
  heading: (level: number) => `Heading${Math.min(Math.max(level, 1), 6)}`,
  tocHeading: 'TOCHeading',
  numberedParagraph: 'ListNumber',
  /** Ordered sub-items by list level (0 = outermost): List Number, List Number 2…5. */
  listNumber: (level: number) => (level <= 0 ? 'ListNumber' : `ListNumber${Math.min(level + 1, 5)}`),
  listBullet: (level: number) => (level <= 0 ? 'ListBullet' : `ListBullet${Math.min(level + 1, 5)}`),
  listContinue: (level: number) => (level <= 0 ? 'ListContinue' : `ListContinue${Math.min(level + 1, 5)}`),
  quote: 'Quote',
  preformatted: 'HTMLPreformatted',
  caption: 'Caption',
  footnoteText: 'FootnoteText',
  header: 'Header',
  footer: 'Footer',
  tableContents: 'TableContents',
  tableHeading: 'TableHeading',
  table: 'TableGrid',
  /** The handling marking, centred at the top and bottom of every page. */
  marking: 'Marking',
  organization: 'CoverOrganization',
  logo: 'CoverLogo',
  coverLabel: 'CoverLabel',
  coverDetail: 'CoverDetail',
  // character styles
  hyperlink: 'Hyperlink',
  code: 'HTMLCode',
  strong: 'Strong',
  translationNote: 'TranslationNote',
  tocLink: 'IndexLink',
} as const;

/** One list level of indent in twips (1 cm). */
export const LIST_INDENT = 567;

const SERIF = 'Times New Roman';
const SANS = 'Arial';
const MONO = 'Courier New';
const ACCENT = '1F3864';

/** `#1f3864` / `#fff` -> `1F3864`; anything else keeps the built-in accent. */
export function wordColor(css: string | undefined): string {
  const m = /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.exec(css?.trim() ?? '');
  if (!m) return ACCENT;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return hex.toUpperCase();
}

/** A face name the theme sets, or null for a path to font files (Word takes face names only) and for none. */
function faceName(value: string | null | undefined): string | null {
  const name = value?.trim();
  if (!name || /[\\/]|\.(ttf|otf|ttc|woff2?)$/i.test(name)) return null;
  return name;
}

function font(name: string, lang: DocxLanguage) {
  return lang.eastAsiaFont ? { ascii: name, hAnsi: name, cs: name, eastAsia: lang.eastAsiaFont } : { ascii: name, hAnsi: name, cs: name };
}

/** The document's styles, for the `styles` option of `new Document`. */
export function stylesFor(lang: DocxLanguage, theme: Theme, textWidth: number): IStylesOptions {
  const accent = wordColor(theme.colors?.accent);
  const TEXT = faceName(theme.fonts?.text) ?? SERIF;
  const HEADING = faceName(theme.fonts?.heading) ?? SANS;
  const headingRun = { font: font(HEADING, lang), bold: true, color: accent };
  const headings: IParagraphStyleOptions[] = [
    { size: 32, before: 360, after: 160 },
    { size: 26, before: 280, after: 120 },
    { size: 24, before: 240, after: 100, italics: true },
    { size: 22, before: 200, after: 80 },
    { size: 22, before: 200, after: 80, italics: true },
    { size: 22, before: 160, after: 60 },
  ].map((h, i) => ({
    id: STYLE.heading(i + 1),
    name: `heading ${i + 1}`,
    basedOn: STYLE.normal,
    next: STYLE.normal,
    quickFormat: true,
    uiPriority: 9,
    run: { ...headingRun, size: h.size, italics: h.italics },
    paragraph: { keepNext: true, keepLines: true, alignment: AlignmentType.LEFT, spacing: { before: h.before, after: h.after }, outlineLevel: i },
  }));

  const lists: IParagraphStyleOptions[] = [];
  for (let level = 0; level < 5; level++) {
    const n = level === 0 ? '' : ` ${level + 1}`;
    const indent = { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT };
    lists.push(
      { id: STYLE.listNumber(level), name: `List Number${n}`, basedOn: STYLE.normal, paragraph: { indent } },
      { id: STYLE.listBullet(level), name: `List Bullet${n}`, basedOn: STYLE.normal, paragraph: { indent } },
      { id: STYLE.listContinue(level), name: `List Continue${n}`, basedOn: STYLE.normal, paragraph: { indent: { left: LIST_INDENT * (level + 1) } } },
    );
  }

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      id: STYLE.normal,
      name: 'Normal',
      quickFormat: true,
      run: { font: font(TEXT, lang), size: 24, language: lang.run },
      paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 160, line: 264, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.title,
      name: 'Title',
      basedOn: STYLE.normal,
      next: STYLE.subtitle,
      quickFormat: true,
      run: { font: font(HEADING, lang), size: 48, bold: true, color: accent },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 360, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.subtitle,
      name: 'Subtitle',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: { font: font(HEADING, lang), size: 30, color: '404040' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 720 } },
    },
    ...headings,
    {
      id: STYLE.tocHeading,
      name: 'TOC Heading',
      basedOn: STYLE.heading(1),
      next: STYLE.normal,
      uiPriority: 39,
      // Not an outline level: the contents title is not an entry of the contents.
      paragraph: { outlineLevel: 9, spacing: { before: 0, after: 240 } },
    },
    ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => ({
      id: `TOC${level}`,
      name: `toc ${level}`,
      basedOn: STYLE.normal,
      next: STYLE.normal,
      uiPriority: 39,
      paragraph: {
        alignment: AlignmentType.LEFT,
        indent: { left: 240 * (level - 1) },
        spacing: { before: level === 1 ? 120 : 0, after: 60 },
        rightTabStop: textWidth,
      },
      run: level === 1 ? { bold: true } : {},
    })),
    ...lists,
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: { italics: true, color: '404040' },
      paragraph: { indent: { left: LIST_INDENT, right: LIST_INDENT } },
    },
    {
      id: STYLE.preformatted,
      name: 'HTML Preformatted',
      basedOn: STYLE.normal,
      run: { font: font(MONO, lang), size: 20 },
      paragraph: { alignment: AlignmentType.LEFT, spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.caption,
      name: 'caption',
      basedOn: STYLE.normal,
      next: STYLE.normal,
      quickFormat: true,
      run: { italics: true, size: 20, color: '404040' },
      paragraph: { keepNext: true, alignment: AlignmentType.LEFT, spacing: { before: 60, after: 120 } },
    },
    {
      id: STYLE.footnoteText,
      name: 'footnote text',
      basedOn: STYLE.normal,
      link: 'FootnoteTextChar',
      run: { size: 20 },
      paragraph: { spacing: { after: 40, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.header,
      name: 'header',
      basedOn: STYLE.normal,
      run: { font: font(HEADING, lang), size: 16, color: '595959' },
      paragraph: {
        alignment: AlignmentType.LEFT,
        spacing: { after: 0 },
        rightTabStop: textWidth,
      },
    },
    {
      id: STYLE.footer,
      name: 'footer',
      basedOn: STYLE.header,
      paragraph: { alignment: AlignmentType.CENTER },
    },
    {
      id: STYLE.tableContents,
      name: 'Table Contents',
      basedOn: STYLE.normal,
      run: { size: 20 },
      paragraph: { alignment: AlignmentType.LEFT, spacing: { before: 40, after: 40, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: STYLE.tableHeading,
      name: 'Table Heading',
      basedOn: STYLE.tableContents,
      run: { bold: true },
      paragraph: { keepNext: true },
    },
    {
      id: STYLE.marking,
      name: 'Marking',
      basedOn: STYLE.header,
      run: { bold: true, size: 20, color: 'C00000' },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 60 } },
    },
    {
      id: STYLE.logo,
      name: 'Cover Logo',
      basedOn: STYLE.normal,
      next: STYLE.organization,
      paragraph: { keepNext: true, alignment: AlignmentType.CENTER, spacing: { before: 1440, after: 240 } },
    },
    {
      id: STYLE.organization,
      name: 'Cover Organization',
      basedOn: STYLE.normal,
      next: STYLE.title,
      run: { font: font(HEADING, lang), bold: true, size: 28, color: accent },
      paragraph: { keepNext: true, alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } },
    },
    {
      id: STYLE.coverLabel,
      name: 'Cover Label',
      basedOn: STYLE.normal,
      next: STYLE.coverDetail,
      run: { font: font(HEADING, lang), smallCaps: true, size: 18, color: '595959' },
      paragraph: { keepNext: true, alignment: AlignmentType.CENTER, spacing: { before: 240, after: 0 } },
    },
    {
      id: STYLE.coverDetail,
      name: 'Cover Detail',
      basedOn: STYLE.normal,
      next: STYLE.coverLabel,
      run: { size: 24 },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 0 } },
    },
  ];

  const characterStyles: ICharacterStyleOptions[] = [
    { id: STYLE.hyperlink, name: 'Hyperlink', uiPriority: 99, unhideWhenUsed: true, run: { color: '0563C1', underline: { type: UnderlineType.SINGLE } } },
    { id: STYLE.code, name: 'HTML Code', run: { font: font(MONO, lang), size: 20 } },
    { id: STYLE.strong, name: 'Strong', quickFormat: true, run: { bold: true } },
    { id: STYLE.translationNote, name: 'Translation Note', run: { italics: true, color: 'C00000', size: 18 } },
    // LibreOffice's name for the entries of an index; docx gives it to the prefilled contents entries.
    { id: STYLE.tocLink, name: 'Index Link', basedOn: 'DefaultParagraphFont' },
    { id: 'FootnoteReference', name: 'footnote reference', run: { superScript: true } },
    { id: 'FootnoteTextChar', name: 'Footnote Text Char', link: STYLE.footnoteText, run: { size: 20 } },
  ];

  return {
    default: { document: { run: { font: font(TEXT, lang), size: 24, language: lang.run } } },
    paragraphStyles,
    characterStyles,
  };
}

/**
 * "Table Grid": thin borders, cell margins, a shaded first row. docx has no
 * option for table styles, so it is added to styles.xml when the package is
 * repacked (`withTableStyle`).
 */
export function tableStyleXml(): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`;
  const sides = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('');
  return (
    `<w:style w:type="table" w:styleId="${STYLE.table}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
    `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${sides}</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>` +
    `</w:style>`
  );
}

/**
 * styles.xml for a right-to-left document: every paragraph runs from the
 * right (`w:bidi` in the paragraph defaults; docx has no option for it).
 */
export function withBidiDefaults(stylesXml: string): string {
  if (/<w:pPrDefault>[\s\S]*<w:bidi\/>/.test(stylesXml)) return stylesXml;
  if (stylesXml.includes('<w:pPrDefault/>')) return stylesXml.replace('<w:pPrDefault/>', '<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>');
  return stylesXml.replace(/<w:pPrDefault>\s*<w:pPr>/, '$&<w:bidi/>');
}

/** styles.xml with the table style added. */
export function withTableStyle(stylesXml: string): string {
  if (stylesXml.includes(`w:styleId="${STYLE.table}"`)) return stylesXml;
  return stylesXml.replace('</w:styles>', `${tableStyleXml()}</w:styles>`);
}
