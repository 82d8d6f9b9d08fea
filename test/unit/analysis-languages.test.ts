/**
 * Analysis beyond English: French and Spanish sources get their clauses
 * from a per-language lexicon (data/verbs.fr.yaml, data/verbs.es.yaml);
 * other languages get an info diagnostic instead of an empty annex.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { compileSource } from '../../src/pipeline/compile.js';
import { ROOT } from '../helpers/paths.js';
import { modelOf } from '../helpers/compile.js';

const compile = (markdown: string) => compileSource('x.md', Buffer.from(markdown, 'utf8'), { keepOnError: true });
const pick = (c: { actor: string; verb: string; strength: string; type: string; modality: string | null }) => [c.actor, c.verb, c.strength, c.type, c.modality];

describe('French', () => {
  it('a UN-style resolution: its operative clauses with verbs and strengths', () => {
    const model = modelOf(join(ROOT, 'test', 'fixtures-lang', 'fr-es-11-1-extrait.md'));
    expect(model.clauses.map(pick)).toEqual([
      ["L'Assemblée générale", 'réaffirmer', 'encourage', 'operative', null],
      ["L'Assemblée générale", 'déplorer', 'express', 'operative', null],
      ["L'Assemblée générale", 'exiger', 'urge', 'operative', null],
      ["L'Assemblée générale", 'exiger', 'urge', 'operative', null],
    ]);
    expect(model.clauses.map((c) => c.paragraph)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });

  it('preambular participles, and operative verbs of several words', () => {
    const model = compile(
      '---\nlanguage: fr\n---\n\n# Résolution\n\nLe Conseil de sécurité,\n\n*Rappelant* ses résolutions antérieures,\n\n*Profondément préoccupé* par la situation,\n\n1. *Prie instamment* toutes les parties de coopérer ;\n2. *Décide* de rester saisi de la question.\n',
    ).model!;
    expect(model.clauses.map(pick)).toEqual([
      ['Le Conseil de sécurité', 'rappeler', 'recognize', 'preambular', null],
      ['Le Conseil de sécurité', 'préoccupé', 'express', 'preambular', null],
      ['Le Conseil de sécurité', 'prier', 'urge', 'operative', null],
      ['Le Conseil de sécurité', 'décider', 'commit', 'operative', null],
    ]);
  });

  it('the first person, an apposition, joined verbs, the future and negation', () => {
    const model = compile(
      '---\nlanguage: fr\n---\n\n# Déclaration\n\n1. Nous, les ministres du commerce, réaffirmons notre attachement au système commercial et soulignons son importance.\n2. Nous nous engageons à renforcer la coopération.\n3. Nous soutiendrons les pays en développement.\n4. Nous ne reconnaissons pas ces mesures.\n',
    ).model!;
    expect(model.clauses.map((c) => [c.actor, c.verb, c.strength, c.modality, c.negated])).toEqual([
      ['Nous', 'réaffirmer', 'encourage', null, false],
      ['Nous', 'souligner', 'urge', null, false],
      ['Nous', 'engager', 'commit', null, false],
      ['Nous', 'soutenir', 'commit', 'will', false],
      ['Nous', 'reconnaître', 'recognize', null, true],
    ]);
  });
});

describe('Spanish', () => {
  it('the first person without a written subject, and UN style', () => {
    const first = compile(
      '---\nlanguage: es\n---\n\n# Declaración\n\n1. Reafirmamos nuestro compromiso con el multilateralismo.\n2. Nos comprometemos a fortalecer la cooperación e instamos a todos los Estados a participar.\n',
    ).model!;
    expect(first.clauses.map((c) => [c.actor, c.verb, c.strength])).toEqual([
      ['Nosotros', 'reafirmar', 'encourage'],
      ['Nosotros', 'comprometer', 'commit'],
    ]);
    const un = compile(
      '---\nlanguage: es\n---\n\n# Resolución\n\nLa Asamblea General,\n\n*Recordando* su resolución anterior,\n\n1. *Insta* a los Estados Miembros a cooperar;\n',
    ).model!;
    expect(un.clauses.map(pick)).toEqual([
      ['La Asamblea General', 'recordar', 'recognize', 'preambular', null],
      ['La Asamblea General', 'instar', 'urge', 'operative', null],
    ]);
  });
});

describe('other languages', () => {
  it('get an info diagnostic instead of an empty annex in silence', () => {
    const { file, model } = compile('---\nlanguage: de\n---\n\n# Erklärung\n\n1. Wir bekräftigen unsere Verpflichtung.\n');
    expect(model!.clauses).toEqual([]);
    expect(file.messages.find((m) => m.ruleId === 'analysis-language')?.fatal).toBeUndefined();
    expect(file.messages.map((m) => m.ruleId)).toContain('analysis-language');
  });
});
