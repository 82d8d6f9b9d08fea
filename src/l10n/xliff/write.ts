/**
 * Stringify phase: units -> an XLIFF 2.1 document (core namespace, one
 * `<file>` per document, one `<group>` per part or section). Without a
 * target language it is a template; with one, targets are pre-filled from
 * matched translations: current ones as `state="translated"`, stale ones as
 * `state="initial"` with a `briefpack-stale` note.
 */
import { basename } from 'node:path';
import type { Declaration } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import { codesOf, termMatcher, doNotTranslateTerms, type TranslationUnit } from '../units.js';
import { locationNote, doNotTranslateNote, termsNote } from '../notes.js';
import { inlineMarkdown } from '../inline-markdown.js';
import type { UnitMatch } from '../match.js';
import { XLIFF_NS, NOTE_HASH, NOTE_STALE, NOTE_LOCATION, NOTE_DNT, xliffFileId } from '../read-xliff.js';
import { escapeXml } from '../xml.js';
import { UnitInlineWriter, escapeChars } from './inline.js';
import { segmentContent } from './segments.js';

export interface XliffOptions {
  labels: Labels;
  version: string;
  /** Target language: writes `trgLang` and targets. */
  lang?: string | null;
  /** Translations to pre-fill, by unit id (with `lang`). */
  matches?: Map<string, UnitMatch> | null;
}

export function writeXliff(model: Declaration, units: readonly TranslationUnit[], options: XliffOptions): string {
  const terms = termMatcher(doNotTranslateTerms(model));
  const lang = options.lang ?? null;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<xliff xmlns="${XLIFF_NS}" version="2.1" srcLang="${escapeXml(languageTag(model.meta.language), 'attribute')}"${lang ? ` trgLang="${escapeXml(languageTag(lang), 'attribute')}"` : ''}>`,
  );
  out.push(
    `  <file id="${escapeXml(xliffFileId(model.id), 'attribute')}" original="${escapeXml(basename(model.source.path), 'attribute')}" xml:space="preserve">`,
  );
  out.push('    <notes>');
  out.push(`      <note category="generator">${note(`briefpack ${options.version}`)}</note>`);
  out.push(`      <note category="briefpack-inline-syntax">${note('Original data of inline codes holds their Markdown syntax.')}</note>`);
  out.push('    </notes>');
  let group: string | null = null;
  for (const unit of units) {
    const key = groupOf(unit);
    if (key.id !== group) {
      if (group) out.push('    </group>');
      out.push(`    <group id="${escapeXml(key.id, 'attribute')}"${key.name ? ` name="${escapeXml(key.name, 'attribute')}"` : ''}>`);
      group = key.id;
    }
    out.push(...writeUnit(unit, terms, options.labels, lang ? (options.matches?.get(unit.id) ?? null) : null).map((l) => `      ${l}`));
  }
  if (group) out.push('    </group>');
  out.push('  </file>');
  out.push('</xliff>');
  return out.join('\n') + '\n';
}

/** BCP 47 as xs:language wants it (`en_US` -> `en-US`). */
function languageTag(tag: string): string {
  return tag.trim().replace(/_/g, '-');
}

function groupOf(unit: TranslationUnit): { id: string; name: string | null } {
  const c = unit.context;
  if (c.part === 'text') return c.section ? { id: `g-${c.section.id}`, name: c.section.title } : { id: 'g-text', name: null };
  return { id: `g-${c.part}`, name: null };
}

function note(text: string): string {
  return escapeXml(text, 'text');
}

function writeUnit(unit: TranslationUnit, terms: ReturnType<typeof termMatcher>, labels: Labels, match: UnitMatch | null): string[] {
  const { idOf } = codesOf(unit.content);
  const inline = new UnitInlineWriter(idOf, terms);
  const translation = match && match.content && (match.state === 'translated' || match.state === 'stale') ? match : null;
  const pieces = segmentContent(unit.content);
  const sourceSegments = pieces.filter((p) => p.kind === 'segment').length;
  // Keep the sentence segments when the translation has one target per segment; otherwise one segment holds the unit.
  const perSegment = translation?.state === 'translated' && translation.segments?.length === sourceSegments;
  const layout = translation && !perSegment ? [{ kind: 'segment' as const, nodes: unit.content }] : pieces;

  const notes: string[] = [`<note category="${NOTE_LOCATION}">${note(locationNote(unit, labels))}</note>`];
  const dnt = doNotTranslateNote(unit);
  if (dnt) notes.push(`<note category="${NOTE_DNT}">${note(dnt)}</note>`);
  const titles = termsNote(unit);
  if (titles) notes.push(`<note category="instruments">${note(titles)}</note>`);
  notes.push(`<note category="${NOTE_HASH}">${note(unit.hash)}</note>`);
  if (translation?.state === 'stale') {
    const previous = translation.entry?.previousSource ?? translation.entry?.source ?? '';
    const why =
      translation.staleReason === 'fuzzy' ? 'This translation is marked as needing review.' : 'The source changed since this translation was made; review it.';
    notes.push(`<note category="${NOTE_STALE}" appliesTo="target">${note(`${why}${previous ? ` Previous source: ${previous}` : ''}`)}</note>`);
  }

  const body: string[] = [];
  let segment = 0;
  let ignorable = 0;
  const used = new Set<string>();
  for (const piece of layout) {
    if (piece.kind === 'ignorable') {
      const text = escapeChars(piece.text);
      body.push(`<ignorable id="i${++ignorable}"><source>${text}</source></ignorable>`);
      continue;
    }
    const index = segment++;
    const source = inline.source(piece.nodes);
    let target = '';
    let state = '';
    if (translation) {
      const nodes = perSegment ? translation.segments![index] : translation.content!;
      target = `<target>${inline.target(nodes, used)}</target>`;
      state = translation.state === 'stale' ? ' state="initial"' : ' state="translated"';
    }
    body.push(`<segment id="s${index + 1}"${state}><source>${source}</source>${target}</segment>`);
  }
  const data = inline.originalData();
  const lines = [`<unit id="${escapeXml(unit.id, 'attribute')}">`, '  <notes>', ...notes.map((n) => `    ${n}`), '  </notes>'];
  if (data.length) {
    lines.push('  <originalData>');
    for (const d of data) lines.push(`    <data id="${d.id}">${escapeChars(d.value)}</data>`);
    lines.push('  </originalData>');
  }
  lines.push(...body.map((b) => `  ${b}`), '</unit>');
  return lines;
}

/** Markdown of a unit's source, for notes and previews. */
export function unitMarkdown(unit: TranslationUnit): string {
  return inlineMarkdown(unit.content);
}
