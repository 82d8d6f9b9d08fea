/**
 * Translator-facing context for a unit (XLIFF `<note>`, PO `#.`): where it
 * is (paragraph number, section), which terms stay as written, and its
 * source hash. Words come from the source language's labels.
 */
import type { Labels } from '../view/labels.js';
import type { TranslationUnit } from './units.js';

/** "Paragraph 5 · Section: Preface", "Background note", "Notes 2"… */
export function locationNote(unit: TranslationUnit, labels: Labels): string {
  const c = unit.context;
  const parts: string[] = [];
  switch (c.part) {
    case 'front': {
      const field = c.field ?? 'title';
      const label = field === 'title' ? null : (labels as unknown as Record<string, string | undefined>)[field];
      parts.push(label ?? field);
      break;
    }
    case 'background':
      parts.push(labels.background);
      break;
    case 'footnotes':
      parts.push(`${labels.footnotes} ${c.footnote ?? ''}`.trim());
      break;
    case 'annexes':
      parts.push(c.term?.kind === 'instrument' ? labels.instruments : `${labels.glossary}: ${c.term?.acronym ?? ''}`.trim());
      break;
    case 'text':
      if (c.paragraph != null) parts.push(`${labels.paragraph} ${c.paragraph}`);
      if (c.section) parts.push(c.section.title != null ? `${labels.section}: ${c.section.title}` : labels.text);
      else parts.push(labels.text);
      break;
  }
  if (c.cell) parts.push(`r${c.cell.row}c${c.cell.column}`);
  return parts.join(' · ');
}

export function doNotTranslateNote(unit: TranslationUnit): string | null {
  return unit.doNotTranslate.length ? unit.doNotTranslate.join(', ') : null;
}

/** Instrument titles in the unit, to translate as their official translations (units `instrument-…`). */
export function termsNote(unit: TranslationUnit): string | null {
  return unit.terms.length ? unit.terms.join('; ') : null;
}
