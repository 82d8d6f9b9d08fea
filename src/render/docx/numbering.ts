/**
 * Run phase (docx): Word numbering for numbered paragraphs and lists.
 *
 * The number Word shows must be the number written in the source. Word
 * numbers the paragraphs of one list (one `w:num`) on from each other, across
 * the headings between them, so a run of consecutive source numbers is one
 * list, and a run that does not follow on (the source skips a number, or a
 * list starts at 6) is a new list that starts at its first number.
 *
 * docx gives every list of a numbering reference the reference's own `start`,
 * so each start number has a reference of its own ("paragraph-from-6"), and
 * each list an instance (its own `w:num`) of it.
 */
import { AlignmentType, LevelFormat, LevelSuffix, type ILevelsOptions, type INumberingOptions } from 'docx';
import { LIST_INDENT } from './styles.js';

export const MAX_LEVEL = 8;

export interface ListPlace {
  reference: string;
  instance: number;
  level: number;
}

type Kind = 'paragraph' | 'ordered' | 'bullet';

/** Formats of ordered levels: 1. (a) (i) 1. (a) (i)… */
const ORDERED: Array<{ format: (typeof LevelFormat)[keyof typeof LevelFormat]; text: (n: number) => string }> = [
  { format: LevelFormat.DECIMAL, text: (n) => `%${n}.` },
  { format: LevelFormat.LOWER_LETTER, text: (n) => `(%${n})` },
  { format: LevelFormat.LOWER_ROMAN, text: (n) => `(%${n})` },
];
const BULLETS = ['\u2022', '\u2013', '\u25e6'];

function levels(kind: Kind, start: number): ILevelsOptions[] {
  const out: ILevelsOptions[] = [];
  // Numbered paragraphs are one level deep; their sub-items are lists of their own.
  const deepest = kind === 'paragraph' ? 0 : MAX_LEVEL;
  for (let level = 0; level <= deepest; level++) {
    const indent = { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT };
    const common = { level, alignment: AlignmentType.LEFT, suffix: LevelSuffix.TAB, style: { paragraph: { indent } } };
    if (kind === 'bullet') {
      out.push({ ...common, format: LevelFormat.BULLET, text: BULLETS[level % BULLETS.length] });
    } else if (kind === 'paragraph') {
      out.push({ ...common, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, start });
    } else {
      const f = ORDERED[level % ORDERED.length];
      out.push({ ...common, format: f.format, text: f.text(level + 1), start });
    }
  }
  return out;
}

/** The lists of one document, handed out in document order. */
export class NumberingPlan {
  private readonly configs = new Map<string, ILevelsOptions[]>();
  private instances = 0;
  private paragraphRun: { reference: string; instance: number; last: number } | null = null;

  /** The list place of a numbered paragraph: it continues the current list when its number follows on. */
  numberedParagraph(number: number): ListPlace {
    const run = this.paragraphRun;
    if (run && number === run.last + 1) {
      run.last = number;
      return { reference: run.reference, instance: run.instance, level: 0 };
    }
    const reference = this.reference('paragraph', number);
    this.paragraphRun = { reference, instance: ++this.instances, last: number };
    return { reference, instance: this.paragraphRun.instance, level: 0 };
  }

  /** A new ordered list starting at `start`, its items at `level`. */
  orderedList(start: number, level: number): ListPlace {
    return { reference: this.reference('ordered', start), instance: ++this.instances, level: Math.min(level, MAX_LEVEL) };
  }

  /** Bullets do not count, so every bullet list shares one list. */
  bulletList(level: number): ListPlace {
    return { reference: this.reference('bullet', 1), instance: 0, level: Math.min(level, MAX_LEVEL) };
  }

  /** The `numbering` option of `new Document`. */
  options(): INumberingOptions {
    return { config: [...this.configs].map(([reference, lv]) => ({ reference, levels: lv })) };
  }

  private reference(kind: Kind, start: number): string {
    const reference = kind === 'bullet' ? 'bullets' : `${kind}-from-${start}`;
    if (!this.configs.has(reference)) this.configs.set(reference, levels(kind, start));
    return reference;
  }
}
