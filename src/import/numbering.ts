/**
 * Import (docx): the numbers Word shows for list paragraphs, computed from
 * word/numbering.xml the way Word counts them.
 *
 * - A paragraph is in a list through its own `w:numPr` or its style's
 *   (`w:numId` 0 takes it out). `w:numStyleLink` is followed.
 * - The `w:num`s of one abstract numbering share its counters (Word goes on
 *   counting from one to the next). A `w:num` that overrides a start value
 *   (`w:lvlOverride/w:startOverride`) restarts that level at its first
 *   paragraph; LibreOffice writes a restarted list that way (the first
 *   paragraph in the overriding `w:num`, the rest in the plain one).
 * - A level starts at its start value (`w:start`, 0 when absent), counts up by
 *   one per paragraph, and restarts after an item of a shallower level
 *   (`w:lvlRestart` changes which; 0 means never).
 * - The label is `w:lvlText` with `%1`…`%9` replaced by the levels' values in
 *   their formats (decimal, letters, roman…; `w:isLgl` makes them decimal).
 */
import type { Element } from './xml.js';
import { attr, kid, kids, val } from './xml.js';
import { leftIndent, type Styles } from './styles.js';

interface LevelDef {
  start: number;
  format: string;
  text: string;
  /** `w:lvlRestart`: null for the default (restart after any shallower level), 0 for never. */
  restart: number | null;
  legal: boolean;
  /** Left indent of the level's text, in twips. */
  indent: number | null;
  pStyle: string | null;
}

interface NumDef {
  abstractId: string;
  levels: Array<LevelDef | undefined>;
  /** Start overrides by level; a list with any is a list of its own. */
  startOverride: Array<number | undefined>;
}

export interface ListLabel {
  numId: string;
  level: number;
  /** The level's counter: the number Word shows for this paragraph at its level. */
  value: number;
  /** `w:numFmt`: decimal, lowerLetter, upperRoman, bullet, none… */
  format: string;
  /** The label as Word draws it ("12.", "(a)", "1.2", "•"). */
  label: string;
  /** The label is this level's number alone, with at most punctuation around it ("12.", "(a)", "iv)"). */
  simple: boolean;
  ordered: boolean;
  indent: number | null;
}

const MAX_LEVELS = 9;

export class Numbering {
  private readonly abstracts = new Map<string, Element>();
  private readonly nums = new Map<string, NumDef>();
  /** Counters by abstract numbering: Word counts the lists (w:num) of one abstract numbering together. */
  private readonly counters = new Map<string, Array<number | undefined>>();
  private readonly seen = new Set<string>();
  private readonly styleLevels = new Map<string, number>();
  private readonly numElements: Element[];

  constructor(
    root: Element | null,
    private readonly styles: Styles,
  ) {
    this.numElements = kids(root, 'w:num');
    for (const a of kids(root, 'w:abstractNum')) {
      const id = attr(a, 'w:abstractNumId');
      if (id === undefined) continue;
      this.abstracts.set(id, a);
      for (const lvl of kids(a, 'w:lvl')) {
        const style = val(lvl, 'w:pStyle');
        if (style) this.styleLevels.set(style, Number(attr(lvl, 'w:ilvl') ?? 0));
      }
    }
    for (const n of this.numElements) {
      const numId = attr(n, 'w:numId');
      if (numId === undefined) continue;
      const def = this.numDef(n);
      if (def) this.nums.set(numId, def);
    }
  }

  private numDef(num: Element): NumDef | null {
    let abstractId = val(num, 'w:abstractNumId');
    // A numbering style link: the abstract numbering of the style's list.
    const seen = new Set<string>();
    while (abstractId !== undefined && !seen.has(abstractId)) {
      seen.add(abstractId);
      const link = val(this.abstracts.get(abstractId), 'w:numStyleLink');
      if (!link) break;
      const linkedNum = this.styles.numberingStyleNumId(link);
      const target = linkedNum == null ? undefined : kidsById(this.numElements, linkedNum);
      abstractId = target ? val(target, 'w:abstractNumId') : undefined;
    }
    if (abstractId === undefined) return null;
    const abstract = this.abstracts.get(abstractId);
    if (!abstract) return null;
    const levels: Array<LevelDef | undefined> = [];
    for (const lvl of kids(abstract, 'w:lvl')) {
      const i = Number(attr(lvl, 'w:ilvl') ?? 0);
      if (i >= 0 && i < MAX_LEVELS) levels[i] = levelDef(lvl);
    }
    const startOverride: Array<number | undefined> = [];
    for (const o of kids(num, 'w:lvlOverride')) {
      const i = Number(attr(o, 'w:ilvl') ?? 0);
      if (!(i >= 0 && i < MAX_LEVELS)) continue;
      const own = kid(o, 'w:lvl');
      if (own) levels[i] = { ...levels[i], ...levelDef(own) };
      const start = val(o, 'w:startOverride');
      // Only a startOverride restarts the count; a w:lvl override redefines the level's look (LibreOffice
      // writes one per bulleted sub-item, and the numbered paragraphs around them go on counting).
      if (start !== undefined) startOverride[i] = int(start, 0);
    }
    return { abstractId, levels, startOverride };
  }

  /** The list a paragraph is in from its own `w:numPr` and its style, or null. */
  placeOf(pPr: Element | undefined, styleId: string | null): { numId: string; level: number } | null {
    const numPr = kid(pPr, 'w:numPr');
    const ownNumId = val(numPr, 'w:numId');
    const ownLevel = val(numPr, 'w:ilvl');
    const fromStyle = this.styles.numbering(styleId);
    const numId = ownNumId ?? fromStyle?.numId;
    if (numId === undefined || numId === '0') return null;
    let level = ownLevel !== undefined ? int(ownLevel, 0) : (fromStyle?.ilvl ?? (styleId ? this.styleLevels.get(styleId) : undefined) ?? 0);
    level = Math.max(0, Math.min(MAX_LEVELS - 1, level));
    if (!this.nums.has(numId)) return null;
    return { numId, level };
  }

  /** Count a paragraph at `level` of list `numId` and return its label (null when the list is not defined). */
  next(numId: string, level: number): ListLabel | null {
    const def = this.nums.get(numId);
    if (!def) return null;
    const key = def.abstractId;
    let counters = this.counters.get(key);
    if (!counters) this.counters.set(key, (counters = []));
    // A start override restarts its levels where its list is first used; the abstract numbering's lists share the count.
    if (!this.seen.has(numId)) {
      this.seen.add(numId);
      def.startOverride.forEach((s, l) => {
        if (s !== undefined) counters![l] = undefined;
      });
    }
    const startOf = (l: number) => def.startOverride[l] ?? def.levels[l]?.start ?? 0;
    for (let deeper = level + 1; deeper < MAX_LEVELS; deeper++) {
      const restart = def.levels[deeper]?.restart ?? null;
      if (restart === 0) continue;
      if (restart === null || level + 1 <= restart) counters[deeper] = undefined;
    }
    counters[level] = counters[level] === undefined ? startOf(level) : counters[level]! + 1;
    const lvl = def.levels[level] ?? { start: 0, format: 'decimal', text: `%${level + 1}.`, restart: null, legal: false, indent: null, pStyle: null };
    const label = lvl.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      const value = counters![l] ?? startOf(l);
      const format = lvl.legal && l < level ? 'decimal' : (def.levels[l]?.format ?? 'decimal');
      return formatNumber(value, format);
    });
    const simple = new RegExp(`^[(\\[]?%${level + 1}[.)\\]]?$`).test(lvl.text.trim());
    const ordered = lvl.format !== 'bullet' && lvl.format !== 'none' && /%[1-9]/.test(lvl.text);
    return { numId, level, value: counters[level]!, format: lvl.format, label, simple, ordered, indent: lvl.indent };
  }
}

function kidsById(nums: Element[], numId: string): Element | undefined {
  return nums.find((n) => attr(n, 'w:numId') === numId);
}

function levelDef(lvl: Element): LevelDef {
  const restart = val(lvl, 'w:lvlRestart');
  return {
    start: int(val(lvl, 'w:start'), 0),
    format: val(lvl, 'w:numFmt') ?? 'decimal',
    text: val(lvl, 'w:lvlText') ?? '',
    restart: restart === undefined ? null : int(restart, 0),
    legal: kid(lvl, 'w:isLgl') !== undefined && val(lvl, 'w:isLgl') !== '0',
    indent: leftIndent(kid(kid(lvl, 'w:pPr'), 'w:ind')),
    pStyle: val(lvl, 'w:pStyle') ?? null,
  };
}

function int(s: string | undefined, fallback: number): number {
  const n = Number(s);
  return s !== undefined && Number.isInteger(n) ? n : fallback;
}

/** A counter value in a Word number format. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'ordinal':
      return `${n}${ordinalSuffix(n)}`;
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Word's letters: a…z, then aa…zz, aaa… (the letter repeated). */
function letters(n: number): string {
  if (n < 1) return String(n);
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function roman(n: number): string {
  if (n < 1 || n >= 4000) return String(n);
  const table: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let s = '';
  for (const [v, r] of table)
    while (n >= v) {
      s += r;
      n -= v;
    }
  return s;
}

function ordinalSuffix(n: number): string {
  const t = n % 100;
  if (t >= 11 && t <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
}
