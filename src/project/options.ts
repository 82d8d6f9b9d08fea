import type { PartOptions } from '../view/build-view.js';
import type { LabelOverrides } from '../view/labels.js';
import type { Theme } from '../render/context.js';

/**
 * What the project file (and its command-line overrides) says about the look
 * and content of every pack: plain data, so workers receive it as it is.
 * Paths are absolute.
 */
export interface PackSettings {
  parts: PartOptions;
  labels: LabelOverrides;
  organization: { name: string | null; logo: string | null };
  marking: string | null;
  theme: Theme;
  /** Stylesheets appended after the built-in one (HTML). */
  css: string[];
  /** A .docx whose styles the Word file takes. */
  referenceDoc: string | null;
  /** Severity per rule ('off' drops its diagnostics). */
  rules: Record<string, 'off' | 'error' | 'warning' | 'info'>;
  /** The project file and every file it names: they shape the outputs, so they enter the cache key and the manifest. */
  inputs: string[];
}

/** A place in the project file. */
export interface ConfigPlace {
  line: number;
  column: number;
}

/**
 * A book (`packs:` in briefpack.yaml), as a build takes it (plain data):
 * paths as seen from the working folder, and where the project file names
 * the pack, its brief and each document (for diagnostics).
 */
export interface PackSpec {
  id: string;
  title: string;
  subtitle: string | null;
  /** ISO date (YYYY-MM-DD). */
  date: string | null;
  brief: string;
  documents: string[];
  /** A document of the pack -> the earlier text it is compared with (validated; see docs/books.md). */
  compare: Record<string, string>;
  config: { path: string; pack: ConfigPlace | null; brief: ConfigPlace | null; documents: Array<ConfigPlace | null> };
}

/** Options of one build, shared by the main thread and the workers (plain data). */
export interface BuildOptions {
  /** Output folder. */
  out: string;
  /** Formats to write (keys of FORMATS). */
  formats: string[];
  /** Languages for translated packs; "auto" builds every language with a translation file. */
  langs: string[] | 'auto';
  translationsDir: string;
  templatesDir: string | null;
  maxInputBytes: number;
  emitMarkdown: boolean;
  /** Fail a translated pack whose coverage is below this percentage. */
  minTranslated: number | null;
  /** Use and update the incremental cache. */
  cache: boolean;
  /** Remove the files of the built documents that this build did not write (other formats, other languages). */
  clean?: boolean;
  /** `check`: compile, lint, load translations and shared assets; render and write nothing. */
  check?: boolean;
  /** The project's settings (defaults when there is no project file). */
  pack: PackSettings;
  /** Books to build after the documents (`packs:` of briefpack.yaml; none by default). */
  packs?: PackSpec[];
}

/** The options that change what a document's outputs contain: part of the cache key. */
export function outputAffectingOptions(o: BuildOptions): unknown {
  return {
    formats: [...o.formats].sort(),
    langs: o.langs,
    templatesDir: o.templatesDir,
    maxInputBytes: o.maxInputBytes,
    emitMarkdown: o.emitMarkdown,
    minTranslated: o.minTranslated,
    sourceDateEpoch: process.env.SOURCE_DATE_EPOCH ?? null,
    pack: { ...o.pack, inputs: undefined },
  };
}
