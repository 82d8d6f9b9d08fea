/**
 * Split text into runs by glyph coverage (run phase helper). pdfmake draws a
 * run in one font and prints nothing useful for a character that font lacks,
 * so a character the main face cannot draw (▲ in an English text, Hangul or
 * Arabic in a Latin face) goes to the first face that can, trying the face of
 * its script first.
 */
import { mainFaceFor, type FaceName, type FontSet } from './fonts.js';
import type { Run, RunStyle } from './types.js';

const CJK_FACES: FaceName[] = ['NotoSansKR', 'NotoSansSC', 'NotoSansJP'];

function isHangul(cp: number): boolean {
  return (
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3130 && cp <= 0x318f) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff)
  );
}
function isKana(cp: number): boolean {
  return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0xff66 && cp <= 0xff9f);
}
function isHan(cp: number): boolean {
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
}
/** Arabic script blocks (letters, Arabic punctuation and digits, presentation forms). */
function isArabic(cp: number): boolean {
  return (
    (cp >= 0x0600 && cp <= 0x06ff) ||
    (cp >= 0x0750 && cp <= 0x077f) ||
    (cp >= 0x08a0 && cp <= 0x08ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  );
}
function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0xa0 || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200b);
}

/** Printable ASCII and Latin-1 (no controls): the characters of most text. */
const COMMON = /^[\x20-\x7e\xa0-\xff]*$/;

export interface GlyphRunsOptions {
  /** The face tried first (default: the face of the language). */
  main?: FaceName;
  /** The face the surrounding style already sets: runs in it name no font (default: `main`). */
  inherited?: FaceName;
}

export class GlyphRuns {
  readonly main: FaceName;
  private readonly inherited: FaceName;
  private readonly chosen = new Map<number, FaceName>();
  private readonly languageCjk: FaceName | null;

  constructor(
    private readonly fonts: FontSet,
    language: string,
    options: GlyphRunsOptions = {},
  ) {
    const own = mainFaceFor(language);
    this.main = options.main ?? own;
    this.inherited = options.inherited ?? this.main;
    // Han is drawn in the face of the language's script (Japanese kanji in the Japanese face).
    this.languageCjk = CJK_FACES.includes(own) ? own : CJK_FACES.includes(this.main) ? this.main : null;
    fonts.family(this.main);
  }

  /** pdfmake family name of the main face (the document's default font). */
  get mainFamily(): string {
    return this.fonts.family(this.main);
  }

  /** Faces to try for a code point, best first. */
  private candidates(cp: number): FaceName[] {
    let preferred: FaceName[];
    if (isHangul(cp)) preferred = ['NotoSansKR'];
    else if (isKana(cp)) preferred = ['NotoSansJP'];
    else if (isHan(cp)) preferred = [this.languageCjk ?? 'NotoSansSC'];
    else if (isArabic(cp)) preferred = ['IBMPlexSansArabic'];
    else preferred = this.languageCjk ? [this.languageCjk] : [];
    return [this.main, ...preferred, 'NotoSerif', ...CJK_FACES];
  }

  /** The face a code point is drawn in: the main face when it has the glyph, else the first fallback that has it. */
  faceFor(cp: number): FaceName {
    let face = this.chosen.get(cp);
    if (face) return face;
    face = this.main;
    // After the main face, the face of the character's script: Hangul goes to the Korean
    // face, Kana to the Japanese one, Han to the document's CJK face (Simplified Chinese by default).
    for (const candidate of this.candidates(cp)) {
      if (this.fonts.covers(candidate, cp)) {
        face = candidate;
        break;
      }
    }
    this.chosen.set(cp, face);
    return face;
  }

  /** Runs of `text` with `style`, each in a face that has its glyphs. Characters no face has stay in the main face. */
  split(text: string, style: RunStyle = {}): Run[] {
    if (text === '') return [];
    // Most text is printable ASCII and Latin-1, all in the main face when it has them all: one run.
    if (COMMON.test(text) && this.mainHasCommon()) return [this.run(text, style, this.main)];
    const runs: Run[] = [];
    let current: FaceName | null = null;
    let start = 0;
    let index = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let face = this.faceFor(cp);
      // Keep spaces in the run they sit in, so "한국 사람" stays one run.
      if (current && face !== current && isSpace(cp) && this.fonts.covers(current, cp)) face = current;
      if (face !== current) {
        if (current !== null && index > start) runs.push(this.run(text.slice(start, index), style, current));
        current = face;
        start = index;
      }
      index += ch.length;
    }
    if (current !== null) runs.push(this.run(text.slice(start), style, current));
    return runs;
  }

  private commonInMain: boolean | null = null;

  /** Does the main face have every character COMMON matches? (Checked once.) */
  private mainHasCommon(): boolean {
    if (this.commonInMain === null) {
      let all = true;
      for (let cp = 0x20; cp <= 0xff && all; cp++) if (cp < 0x7f || cp >= 0xa0) all = this.fonts.covers(this.main, cp);
      this.commonInMain = all;
    }
    return this.commonInMain;
  }

  private run(text: string, style: RunStyle, face: FaceName): Run {
    return face === this.inherited ? { ...style, text } : { ...style, text, font: this.fonts.family(face) };
  }
}
