/**
 * Fonts for the PDF (run phase helper): which TTF files, where they are, and
 * which glyphs they hold. Files come from npm packages (never the network),
 * are read, checked and parsed once per process, and are handed to pdfmake
 * through a memory file system of the document's own (as stand-ins for the
 * parsed fonts, see font-sharing.ts), so pdfmake never touches the disk for
 * them. A face's regular style is read when the face is first needed, its
 * other styles when pdfmake first lays out text in them.
 *
 * `BRIEFPACK_FONTS_DIR` (or the `fontsDir` option) replaces the packages with
 * one flat folder holding the same file names (NotoSerif_400Regular.ttf …).
 */
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { createHash } from 'node:crypto';
import type { VFile } from 'vfile';
import { fail, type DocumentFailed } from '../../diagnostics/report.js';
import { createFont, pdfkitSource, type FontkitFont } from './font-sharing.js';

const require = createRequire(import.meta.url);

export type FaceName = 'NotoSerif' | 'NotoSansKR' | 'NotoSansSC' | 'NotoSansJP' | 'IBMPlexSansArabic' | 'NotoSansMono';
export type FontStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';

interface FaceFiles {
  /** npm package that ships the files. */
  pkg: string;
  /** File of each style, relative to the package folder. */
  files: Record<FontStyle, string>;
}

/** CJK and Arabic faces (and Noto Sans Mono) have no italics: their italic styles reuse the upright files. */
export const FACES: Record<FaceName, FaceFiles> = {
  NotoSerif: {
    pkg: '@expo-google-fonts/noto-serif',
    files: {
      normal: '400Regular/NotoSerif_400Regular.ttf',
      bold: '700Bold/NotoSerif_700Bold.ttf',
      italics: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
      bolditalics: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
    },
  },
  NotoSansKR: upright('@expo-google-fonts/noto-sans-kr', 'NotoSansKR'),
  NotoSansSC: upright('@expo-google-fonts/noto-sans-sc', 'NotoSansSC'),
  NotoSansJP: upright('@expo-google-fonts/noto-sans-jp', 'NotoSansJP'),
  // Arabic script. Not a Noto face: Noto Naskh, Noto Sans and Noto Kufi Arabic draw the letters
  // that share a shape (ب ت ث ن ي) as one dotless glyph plus dot marks, and pdfkit maps each glyph
  // to one text (ToUnicode), so copied or extracted text would swap those letters. IBM Plex Sans
  // Arabic has a glyph of its own for each letter form.
  IBMPlexSansArabic: upright('@expo-google-fonts/ibm-plex-sans-arabic', 'IBMPlexSansArabic'),
  // Code spans and blocks. Noto Sans Mono has no italics: its italic styles reuse the upright files.
  NotoSansMono: upright('@expo-google-fonts/noto-sans-mono', 'NotoSansMono'),
};

function upright(pkg: string, stem: string): FaceFiles {
  const normal = `400Regular/${stem}_400Regular.ttf`;
  const bold = `700Bold/${stem}_700Bold.ttf`;
  return { pkg, files: { normal, bold, italics: normal, bolditalics: bold } };
}

/** Languages written in Arabic script that the Arabic face covers. */
const ARABIC_SCRIPT_LANGUAGES = new Set(['ar', 'fa', 'ur']);

/** The text face for a document language: CJK and Arabic-script languages get their own face, everything else Noto Serif. */
export function mainFaceFor(language: string): FaceName {
  const primary = language.toLowerCase().split('-')[0];
  if (primary === 'ko') return 'NotoSansKR';
  if (primary === 'zh') return 'NotoSansSC';
  if (primary === 'ja') return 'NotoSansJP';
  if (ARABIC_SCRIPT_LANGUAGES.has(primary)) return 'IBMPlexSansArabic';
  return 'NotoSerif';
}

/**
 * The built-in face a theme names ("Noto Serif", "NotoSansKR", "noto-sans-jp"…),
 * or null: no name, a face briefpack does not ship, or a font file (not read yet).
 */
export function faceNamed(name: string | null | undefined): FaceName | null {
  if (!name) return null;
  const key = name.toLowerCase().replace(/[\s_-]+/g, '');
  return (Object.keys(FACES) as FaceName[]).find((face) => face.toLowerCase() === key) ?? null;
}

export interface LoadedFont {
  path: string;
  /** Key of the file in pdfmake's in-memory file system. */
  vfsKey: string;
  buffer: Buffer;
  /** What pdfmake's file system holds for the file: a stand-in for `font` (see font-sharing.ts), or the file. */
  pdfkitSource: Uint8Array;
  /** The parsed font, shared by every document of the process. */
  font: FontkitFont;
  /** Glyph coverage by code point, filled as the glyph splitter asks. */
  coverage: Map<number, boolean>;
}

/** Thrown by loadFontFile; FontSet turns it into a `font-load` diagnostic. */
export class FontLoadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FontLoadError';
  }
}

/** Process-wide cache: a font file is read and parsed once. Failed loads are not cached. */
const loaded = new Map<string, LoadedFont>();

const SIGNATURES: Record<string, string> = {
  '00010000': 'TrueType',
  '74727565': 'TrueType',
  '4f54544f': 'OpenType (CFF)',
};

/** Read, check and parse one font file (cached). */
export function loadFontFile(path: string): LoadedFont {
  const hit = loaded.get(path);
  if (hit) return hit;
  let buffer: Buffer;
  try {
    buffer = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FontLoadError(code === 'ENOENT' ? `font file not found: ${path}` : `font file cannot be read (${code ?? String(error)}): ${path}`, {
      cause: error,
    });
  }
  const magic = buffer.subarray(0, 4).toString('hex');
  if (magic === '774f4632' || magic === '774f4646') {
    throw new FontLoadError(`font file is WOFF/WOFF2, which pdfmake renders blank; use a TTF or OTF file: ${path}`);
  }
  if (!SIGNATURES[magic]) throw new FontLoadError(`not a TrueType or OpenType font (starts with 0x${magic || 'nothing'}): ${path}`);
  let font: FontkitFont;
  try {
    font = createFont(buffer);
    // fontkit parses lazily: touch the tables pdfkit needs so a damaged file fails here, not mid-layout.
    if (!(font.unitsPerEm > 0) || !(font.numGlyphs > 0)) throw new Error('no glyphs');
    font.hasGlyphForCodePoint(0x41);
    void font.postscriptName;
  } catch (error) {
    throw new FontLoadError(`font file cannot be parsed (${(error as Error).message}): ${path}`, { cause: error });
  }
  const entry: LoadedFont = { path, vfsKey: vfsKeyOf(path), buffer, pdfkitSource: pdfkitSource(buffer, font), font, coverage: new Map() };
  loaded.set(path, entry);
  return entry;
}

const STYLES = ['normal', 'bold', 'italics', 'bolditalics'] as const;

/** Key of a font file in pdfmake's memory file system. */
function vfsKeyOf(path: string): string {
  return `briefpack-fonts${path.split(sep).join('/')}`;
}

/** Folder of an installed font package. */
function packageDir(pkg: string): string {
  return dirname(require.resolve(`${pkg}/package.json`));
}

/** pdfmake font descriptor: one file (memory file system key) per style. */
export type FamilyDescriptor = Record<FontStyle, string>;

/**
 * The faces one document uses. Faces are loaded on first use, so an English
 * text that never needs a CJK glyph never reads a CJK file. A face that
 * cannot be loaded stops the document with a `font-load` error.
 */
export class FontSet {
  readonly overrideDir: string | null;
  private readonly families = new Map<FaceName, { family: string; regular: LoadedFont; descriptor: FamilyDescriptor; paths: Record<FontStyle, string> }>();
  /** The `font-load` error of a style read during layout, if one stopped it (pdfmake may rethrow errors from inside layout as its own). */
  failure: DocumentFailed | null = null;

  constructor(
    private readonly file: VFile,
    fontsDir?: string | null,
  ) {
    const dir = fontsDir ?? process.env.BRIEFPACK_FONTS_DIR ?? null;
    this.overrideDir = dir ? resolve(dir) : null;
  }

  /** Where a face's style lives on disk. */
  pathOf(face: FaceName, style: FontStyle): string {
    const relative = FACES[face].files[style];
    if (this.overrideDir) return join(this.overrideDir, basename(relative));
    let dir: string;
    try {
      dir = packageDir(FACES[face].pkg);
    } catch (error) {
      fail(this.file, 'font-load', `font package ${FACES[face].pkg} is not installed (${(error as Error).message})`);
    }
    return join(dir, relative);
  }

  /**
   * The pdfmake family name of a face. Its regular style is loaded now (the
   * glyph splitter needs its character set); the other styles are only
   * checked to exist, and are loaded when pdfmake first lays out text in them
   * (an English text with ▲ reads the regular Korean file, never the bold one).
   */
  family(face: FaceName): string {
    const hit = this.families.get(face);
    if (hit) return hit.family;
    const descriptor = {} as FamilyDescriptor;
    const paths = {} as Record<FontStyle, string>;
    for (const style of STYLES) {
      paths[style] = this.pathOf(face, style);
      descriptor[style] = vfsKeyOf(paths[style]);
    }
    const regular = this.load(face, 'normal', paths.normal);
    for (const style of STYLES) {
      const path = paths[style];
      if (path === paths.normal || loaded.has(path)) continue;
      let exists = false;
      try {
        exists = statSync(path).isFile();
      } catch {
        // reported below
      }
      if (!exists) this.loadFailed(face, style, new FontLoadError(`font file not found: ${path}`));
    }
    // Family names are per folder, so two documents built with different font folders never share one.
    const family = this.overrideDir ? `${face}@${createHash('sha1').update(this.overrideDir).digest('hex').slice(0, 8)}` : face;
    this.families.set(face, { family, regular, descriptor, paths });
    return family;
  }

  /** Load one style of a face, or stop the document with a `font-load` error. */
  private load(face: FaceName, style: FontStyle, path: string): LoadedFont {
    try {
      return loadFontFile(path);
    } catch (error) {
      if (!(error instanceof FontLoadError)) throw error;
      this.loadFailed(face, style, error);
    }
  }

  private loadFailed(face: FaceName, style: FontStyle, error: FontLoadError): never {
    const hint = this.overrideDir ? ` (BRIEFPACK_FONTS_DIR is ${this.overrideDir})` : '';
    fail(this.file, 'font-load', `${face} ${style}: ${error.message}${hint}`);
  }

  /** Does the face have a glyph for this code point? (Checked on the regular style; the styles of a face share one character set.) */
  covers(face: FaceName, codePoint: number): boolean {
    this.family(face);
    const { coverage, font } = this.families.get(face)!.regular;
    let has = coverage.get(codePoint);
    if (has === undefined) coverage.set(codePoint, (has = font.hasGlyphForCodePoint(codePoint)));
    return has;
  }

  /** pdfmake `fonts` table for the faces used so far. */
  descriptors(): Record<string, FamilyDescriptor> {
    const out: Record<string, FamilyDescriptor> = {};
    for (const { family, descriptor } of this.families.values()) out[family] = { ...descriptor };
    return out;
  }

  /**
   * The font files pdfmake may read, by memory-file-system key. Each style is
   * loaded on its first read (a file that cannot be loaded then stops the
   * document with a `font-load` error, kept in `failure`).
   */
  files(): Map<string, () => Uint8Array> {
    const out = new Map<string, () => Uint8Array>();
    for (const [face, { paths }] of this.families) {
      for (const style of STYLES) {
        out.set(vfsKeyOf(paths[style]), () => {
          try {
            return this.load(face, style, paths[style]).pdfkitSource;
          } catch (error) {
            this.failure ??= error as DocumentFailed;
            throw error;
          }
        });
      }
    }
    return out;
  }

  /** Folders the fonts are read from: the only local paths pdfmake may open. */
  folders(): string[] {
    const dirs = new Set<string>();
    for (const { paths } of this.families.values()) for (const style of STYLES) dirs.add(dirname(paths[style]));
    if (this.overrideDir) dirs.add(this.overrideDir);
    return [...dirs];
  }
}
