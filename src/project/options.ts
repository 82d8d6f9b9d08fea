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
  /** `check`: compile, lint, load translations and shared assets; render and write nothing. */
  check?: boolean;
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
  };
}
