/**
 * Stringify phase: units -> a gettext catalog. Without a language it is a
 * template (.pot); with one, a .po pre-filled from matched translations,
 * stale ones marked `#, fuzzy` with the previous source as `#| msgid`.
 *
 * Every entry: msgctxt = unit id; msgid = the unit's text in canonical
 * Markdown inline syntax (see src/l10n/inline-markdown.ts); `#.`
 * comments with the location, the do-not-translate terms and the source
 * hash; `#:` the source line.
 */
import { isAbsolute, basename } from 'node:path';
import type { Declaration } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import type { TranslationUnit } from '../units.js';
import type { UnitMatch } from '../match.js';
import type { TranslationEntry } from '../translation-file.js';
import { inlineMarkdown } from '../inline-markdown.js';
import { locationNote, doNotTranslateNote, termsNote } from '../notes.js';
import { poString } from '../po-string.js';

export interface PoOptions {
  labels: Labels;
  version: string;
  /** Seconds since the epoch for POT-Creation-Date (and PO-Revision-Date in a .po). */
  epoch: number;
  /** Target language: writes a .po instead of a template. */
  lang?: string | null;
  /** Translations to pre-fill, by unit id (with `lang`). */
  matches?: Map<string, UnitMatch> | null;
  /** Entries of the old translation whose units are gone: kept as obsolete `#~` entries. */
  obsolete?: TranslationEntry[];
  /** Extra `#` lines at the top of the header comment. */
  headerComments?: string[];
}

/** The syntax a translator needs, repeated in every catalog's header. */
export const INLINE_SYNTAX_HELP = [
  'Inline markup is Markdown, written by remark-stringify: keep it, translate the text inside.',
  '  _emphasis_  **strong**  ~~deleted~~  `code`  [link text](url)  ![alt](image)',
  '  [^1] is a footnote reference; a backslash at a line end is a line break;',
  '  \\* \\_ \\[ are literal characters. Acronyms listed as do-not-translate stay as written; instrument titles take their official translation.',
];

export function writePo(model: Declaration, units: readonly TranslationUnit[], options: PoOptions): string {
  const lang = options.lang ?? null;
  const date = poDate(options.epoch);
  const lines: string[] = [];
  const title = model.meta.title ?? model.id;
  for (const c of options.headerComments ?? []) lines.push(c ? `# ${c}` : '#');
  lines.push(`# ${lang ? `${lang} translation` : 'Translation template'} of "${oneLine(title)}" (${model.id}).`);
  lines.push(`# Source: ${referencePath(model.source.path)}, language ${model.meta.language}.`);
  for (const h of INLINE_SYNTAX_HELP) lines.push(`# ${h}`);
  lines.push('#');
  if (!lang) lines.push('#, fuzzy');
  lines.push('msgid ""');
  lines.push('msgstr ""');
  const header: Array<[string, string]> = [
    ['Project-Id-Version', `${model.id}`],
    ['Report-Msgid-Bugs-To', ''],
    ['POT-Creation-Date', date],
    ['PO-Revision-Date', lang ? date : 'YEAR-MO-DA HO:MI+ZONE'],
    ['Last-Translator', lang ? 'briefpack extract' : 'FULL NAME <EMAIL@ADDRESS>'],
    ['Language-Team', lang ? lang : 'LANGUAGE <LL@li.org>'],
    ['Language', lang ?? ''],
    ['MIME-Version', '1.0'],
    ['Content-Type', 'text/plain; charset=UTF-8'],
    ['Content-Transfer-Encoding', '8bit'],
    ['X-Generator', `briefpack ${options.version}`],
    ['X-Briefpack-Document', model.id],
    ['X-Briefpack-Source-Language', model.meta.language],
  ];
  for (const [k, v] of header) lines.push(`"${k}: ${v}\\n"`);

  const ref = referencePath(model.source.path);
  for (const unit of units) {
    lines.push('');
    lines.push(`#. ${oneLine(locationNote(unit, options.labels))}`);
    const dnt = doNotTranslateNote(unit);
    if (dnt) lines.push(`#. do-not-translate: ${oneLine(dnt)}`);
    const terms = termsNote(unit);
    if (terms) lines.push(`#. instruments (official titles): ${oneLine(terms)}`);
    lines.push(`#. source-hash: ${unit.hash}`);
    if (unit.line != null) lines.push(`#: ${ref}:${unit.line}`);
    const match = lang ? (options.matches?.get(unit.id) ?? null) : null;
    const translation = match?.content && (match.state === 'translated' || match.state === 'stale') ? match : null;
    const msgid = inlineMarkdown(unit.content);
    if (translation?.state === 'stale') {
      lines.push('#, fuzzy');
      const previous = translation.entry?.previousSource ?? translation.entry?.source;
      if (previous && previous !== msgid) lines.push(...poString('msgid', previous, '#| '));
    }
    lines.push(...poString('msgctxt', unit.id));
    lines.push(...poString('msgid', msgid));
    lines.push(...poString('msgstr', translation ? inlineMarkdown(translation.content!) : ''));
  }
  for (const entry of options.obsolete ?? []) {
    if (entry.target?.kind !== 'markdown') continue;
    lines.push('');
    lines.push(...poString('msgctxt', entry.id, '#~ '));
    lines.push(...poString('msgid', entry.source, '#~ '));
    lines.push(...poString('msgstr', entry.target.text, '#~ '));
  }
  return lines.join('\n') + '\n';
}

/** `2025-08-04 00:00+0000`, the date form gettext writes. */
export function poDate(epoch: number): string {
  const d = new Date(epoch * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}+0000`;
}

function referencePath(path: string): string {
  return (isAbsolute(path) ? basename(path) : path).replace(/\\/g, '/').replace(/\s/g, '_');
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
