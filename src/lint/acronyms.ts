/**
 * Lint rules on the glossary the analysis found: acronyms used before the
 * text expands them, and acronyms the text never expands.
 */
import type { VFile } from 'vfile';
import type { Declaration, Position } from '../model/schema.js';
import { report } from '../diagnostics/report.js';

/** Top-level units in reading order (the ids glossary entries refer to), with their places. */
function unitPlaces(model: Declaration): Map<string, { order: number; position: Position | null }> {
  const places = new Map<string, { order: number; position: Position | null }>();
  const add = (id: string, position: Position | null) => places.set(id, { order: places.size, position });
  for (const b of model.background) add(b.id, b.position);
  for (const s of model.sections) {
    if (s.title) add(s.id, s.position);
    for (const b of s.blocks) add(b.id, b.position);
  }
  for (const f of model.footnotes) add(f.id, f.position);
  return places;
}

export function checkAcronyms(model: Declaration, file: VFile): void {
  const places = unitPlaces(model);
  const where = (id: string) => places.get(id)?.position?.start;
  for (const entry of model.glossary) {
    if (entry.source === 'text' && entry.definedIn) {
      const first = places.get(entry.firstUse)?.order ?? 0;
      const defined = places.get(entry.definedIn)?.order ?? 0;
      if (first < defined) {
        report(
          file,
          'acronym-before-expansion',
          `${entry.acronym} is used before the text expands it (first use ${entry.firstUse}, expanded in ${entry.definedIn})`,
          where(entry.firstUse),
        );
      }
    } else if (entry.source !== 'text') {
      const known = entry.source === 'reference' ? `; the glossary gives the well-known expansion "${entry.expansion}"` : '';
      report(file, 'acronym-unexpanded', `${entry.acronym} is never expanded in the text${known}`, where(entry.firstUse));
    }
  }
}
