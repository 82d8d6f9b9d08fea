/**
 * Run phase (docx): Word numbering for numbered paragraphs and lists.
 *
 * Word draws the marker, but the view decides what it says: a level's text
 * is the item's label with its number replaced by Word's counter ("3." ->
 * "%1."), and a bullet level's text is the bullet itself.
 *
 * The number Word shows must be the number written in the source. Word
 * numbers the paragraphs of one list (one `w:num`) on from each other, across
 * the headings between them, so a run of consecutive source numbers is one
 * list, and a run that does not follow on (the source skips a number, or a
 * list starts at 6) is a new list that starts at its first number.
 *
 * docx gives every list of a numbering reference the reference's own `start`,
 * so each start number (and marker text) has a reference of its own, and
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

/** The level text of a label: its number as Word's counter `%n` (`n` = level + 1); a label without its number is shown as it is. */
function levelText(label: string, number: number | null, level: number): string {
  const escaped = label.replace(/%/g, '%%');
  if (number == null) return escaped;
  const digits = String(number);
  const at = escaped.indexOf(digits);
  return at < 0 ? escaped : `${escaped.slice(0, at)}%${level + 1}${escaped.slice(at + digits.length)}`;
}

function levels(kind: Kind, template: (level: number) => string, start: number): ILevelsOptions[] {
  const out: ILevelsOptions[] = [];
  // Numbered paragraphs are one level deep; their sub-items are lists of their own.
  const deepest = kind === 'paragraph' ? 0 : MAX_LEVEL;
  for (let level = 0; level <= deepest; level++) {
    const indent = { left: LIST_INDENT * (level + 1), hanging: LIST_INDENT };
    const common = { level, alignment: AlignmentType.LEFT, suffix: LevelSuffix.TAB, style: { paragraph: { indent } }, text: template(level) };
    out.push(kind === 'bullet' ? { ...common, format: LevelFormat.BULLET } : { ...common, format: LevelFormat.DECIMAL, start });
  }
  return out;
}

/** The lists of one document, handed out in document order. */
export class NumberingPlan {
  private readonly configs = new Map<string, ILevelsOptions[]>();
  /** Marker templates met so far, by their text at level 0: they name the references. */
  private readonly templates = new Map<string, number>();
  private instances = 0;
  private paragraphRun: { shape: number; reference: string; instance: number; last: number } | null = null;

  /** The list place of a numbered paragraph: it continues the current list when its number follows on. */
  numberedParagraph(number: number, label: string): ListPlace {
    const run = this.paragraphRun;
    const shape = this.shape('paragraph', label, number);
    if (run && run.shape === shape && number === run.last + 1) {
      run.last = number;
      return { reference: run.reference, instance: run.instance, level: 0 };
    }
    const reference = this.reference('paragraph', label, number, number);
    this.paragraphRun = { shape, reference, instance: ++this.instances, last: number };
    return { reference, instance: this.paragraphRun.instance, level: 0 };
  }

  /** A new ordered list starting at `start`, its items at `level`, its marker shaped like `label`. */
  orderedList(start: number, label: string, level: number): ListPlace {
    return { reference: this.reference('ordered', label, start, start), instance: ++this.instances, level: Math.min(level, MAX_LEVEL) };
  }

  /** Bullets do not count, so every bullet list with the same bullet shares one list. */
  bulletList(label: string, level: number): ListPlace {
    return { reference: this.reference('bullet', label, null, 1), instance: 0, level: Math.min(level, MAX_LEVEL) };
  }

  /** The `numbering` option of `new Document`. */
  options(): INumberingOptions {
    return { config: [...this.configs].map(([reference, lv]) => ({ reference, levels: lv })) };
  }

  /** The index of a marker shape (kind and level-0 text): it names the references. */
  private shape(kind: Kind, label: string, number: number | null): number {
    const key = `${kind}:${levelText(label, number, 0)}`;
    let index = this.templates.get(key);
    if (index === undefined) {
      index = this.templates.size;
      this.templates.set(key, index);
    }
    return index;
  }

  private reference(kind: Kind, label: string, number: number | null, start: number): string {
    const index = this.shape(kind, label, number);
    const reference = kind === 'bullet' ? `bullet-${index}` : `${kind}-${index}-from-${start}`;
    if (!this.configs.has(reference))
      this.configs.set(
        reference,
        levels(kind, (level) => levelText(label, number, level), start),
      );
    return reference;
  }
}
