/**
 * Run phase (docx): the cover page. It is a section of its own, without
 * header or footer; the next section starts on a new page.
 */
import { Paragraph, TextRun } from 'docx';
import type { DocxContext } from './docx-context.js';
import { STYLE } from './styles.js';

type MetaField = 'meeting' | 'venue' | 'date' | 'chair';
const DETAILS: MetaField[] = ['meeting', 'venue', 'date', 'chair'];

export function coverPage(dc: DocxContext): Paragraph[] {
  const { meta } = dc.model;
  const untranslated = new Set(dc.model.translation?.untranslatedMeta ?? []);
  const value = (field: string, text: string) => [
    new TextRun(text),
    ...(untranslated.has(field) ? [new TextRun({ text: ` [${dc.labels.untranslated}]`, style: STYLE.translationNote })] : []),
  ];
  const out: Paragraph[] = [];
  if (meta.marking) out.push(new Paragraph({ style: STYLE.marking, children: value('marking', meta.marking) }));
  out.push(new Paragraph({ style: STYLE.title, children: value('title', meta.title ?? dc.model.id) }));
  if (meta.kind) out.push(new Paragraph({ style: STYLE.subtitle, children: value('kind', meta.kind) }));
  for (const field of DETAILS) {
    const text = meta[field];
    if (!text) continue;
    out.push(new Paragraph({ style: STYLE.coverLabel, children: [new TextRun(dc.labels[field])] }));
    out.push(new Paragraph({ style: STYLE.coverDetail, children: value(field, text) }));
  }
  return out;
}
