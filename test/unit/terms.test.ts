/**
 * Translations that reach the annexes: a term list (CSV or TBX) pre-fills
 * the official titles in `extract`, and the translated pack's instruments
 * index and glossary show them; clause texts of a translated pack come from
 * its translated paragraphs.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { SEED } from '../helpers/paths.js';
import { modelOf, viewFor } from '../helpers/compile.js';
import { extractTemplates, translateModel } from '../../src/l10n/index.js';
import { officialTranslation, readTermList } from '../../src/l10n/terms.js';
import { translateClauses } from '../../src/l10n/translate-model.js';
import type { InstrumentsAnnex } from '../../src/view/types.js';

const ROADMAP = 'APEC Internet and Digital Economy Roadmap';
const FEUILLE = "Feuille de route de l'APEC pour l'Internet et l'économie numérique";

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'bp-terms-'));
}

describe('term lists', () => {
  it('reads CSV (languages in the first row) and TBX', () => {
    const dir = folder();
    writeFileSync(join(dir, 't.csv'), `en,fr,es\n"${ROADMAP}","${FEUILLE}",Hoja de ruta\n`);
    writeFileSync(
      join(dir, 't.tbx'),
      `<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX" xml:lang="en"><text><body>\n<termEntry id="1"><langSet xml:lang="en"><tig><term>${ROADMAP}</term></tig></langSet><langSet xml:lang="fr-FR"><tig><term>${FEUILLE.replace("'", '&apos;')}</term></tig></langSet></termEntry>\n</body></text></martif>\n`,
    );
    expect(officialTranslation(readTermList(join(dir, 't.csv'), 'en'), ROADMAP, 'fr')).toBe(FEUILLE);
    expect(officialTranslation(readTermList(join(dir, 't.csv'), 'en'), ROADMAP, 'es-419')).toBe('Hoja de ruta');
    expect(officialTranslation(readTermList(join(dir, 't.tbx'), 'en'), ROADMAP, 'fr')).toBe(FEUILLE);
  });

  it('refuses a CSV whose first row does not name languages, and a TBX with a DOCTYPE', () => {
    const dir = folder();
    writeFileSync(join(dir, 'bad.csv'), 'Source,Target\na,b\n');
    writeFileSync(join(dir, 'bad.tbx'), '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><martif/>');
    expect(() => readTermList(join(dir, 'bad.csv'), 'en')).toThrow(/first row/);
    expect(() => readTermList(join(dir, 'bad.tbx'), 'en')).toThrow(/DOCTYPE/);
  });
});

describe('a round trip with a term list', () => {
  it('pre-fills official titles in extract, and the translated pack shows them in its instruments index', async () => {
    const model = modelOf(SEED);
    const dir = folder();
    const list = join(dir, 'terms.csv');
    writeFileSync(list, `en,fr\n"${ROADMAP}","${FEUILLE}"\n`);
    const files = extractTemplates(model, { lang: 'fr', terms: readTermList(list, 'en') });
    expect(files.po).toContain(`msgstr "${FEUILLE}"`);
    // The translator returns the file as it is; the build reads it.
    mkdirSync(join(dir, 'translations', 'fr'), { recursive: true });
    writeFileSync(join(dir, 'translations', 'fr', `${model.id}.fr.po`), files.po!);
    const translated = await translateModel(model, 'fr', { translationsDir: join(dir, 'translations'), file: new VFile({ path: SEED }) });
    const view = viewFor(translated.model);
    const annex = view.parts.flatMap((p) => (p.kind === 'annexes' ? p.annexes : [])).find((a): a is InstrumentsAnnex => a.kind === 'instruments')!;
    expect(annex.rows.map((r) => r.title)).toContain(FEUILLE);
    expect(annex.rows.map((r) => r.title)).not.toContain(ROADMAP);
  });

  it('gives a translated pack the clause texts of its translated paragraphs', () => {
    const source = modelOf(SEED);
    const copy = structuredClone(source);
    const id = source.clauses[0].paragraph;
    const block = copy.sections.flatMap((s) => s.blocks).find((b) => b.id === id)!;
    block.text = block.text.replace(/\bwe\b/gi, 'nous');
    translateClauses(source, copy);
    expect(copy.clauses.find((c) => c.paragraph === id)!.text).toMatch(/\bnous\b/);
  });
});
