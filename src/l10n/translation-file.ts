/**
 * What the readers give: a translation file as data, in the same shape for
 * XLIFF and PO, before it is matched against the current source units.
 */
import type { Severity } from '../diagnostics/rules.js';
import type { XmlNode } from './xml.js';

/** A content problem found while reading; the caller reports it on the source file. */
export interface TranslationProblem {
  ruleId: 'translation-malformed' | 'translation-mismatch' | 'translation-stale' | 'translation-missing' | 'translation-markup';
  reason: string;
  line: number | null;
  column: number | null;
  /** Overrides the rule's default severity. */
  severity?: Severity;
}

/** One `<segment>` or `<ignorable>` of an XLIFF unit, as read. */
export interface XliffPart {
  kind: 'segment' | 'ignorable';
  source: XmlNode[];
  /** Children of `<target>`, or null when there is none. */
  target: XmlNode[] | null;
  /** The target's `order` attribute (1-based position among the unit's parts). */
  order: number | null;
  state: string | null;
  line: number;
  column: number;
}

export type RawTarget = { kind: 'markdown'; text: string } | { kind: 'xliff'; parts: XliffPart[]; data: Map<string, string> };

export interface TranslationEntry {
  /** The unit id (XLIFF `unit id`, PO `msgctxt`). */
  id: string;
  line: number;
  column: number;
  /** The source hash recorded with the unit, or null when the file has none. */
  hash: string | null;
  /** Marked as needing review: PO `#, fuzzy`; XLIFF a briefpack-stale note on a segment still in state "initial". */
  fuzzy: boolean;
  /** The source text as the file records it (PO msgid; XLIFF source with its original data), for `#| msgid`. */
  source: string;
  /** The source this translation was made for when the file says so (PO `#| msgid`). */
  previousSource: string | null;
  /** The translation, or null when the unit has none (empty msgstr, no or empty targets). */
  target: RawTarget | null;
}

export interface TranslationDocument {
  /** The document id the file declares (XLIFF `<file id>`, PO `X-Briefpack-Document`). */
  id: string | null;
  /** XLIFF `<file original>`. */
  original: string | null;
  entries: Map<string, TranslationEntry>;
}

export interface TranslationFile {
  path: string;
  format: 'xliff' | 'po';
  /** Target language (XLIFF `trgLang`, PO `Language`). */
  language: string | null;
  /** Source language (XLIFF `srcLang`, PO `X-Briefpack-Source-Language`). */
  sourceLanguage: string | null;
  documents: TranslationDocument[];
}

export interface ReadResult {
  /** Null when the file is malformed: then `problems` holds at least one error. */
  file: TranslationFile | null;
  problems: TranslationProblem[];
}

/** Strict UTF-8 decoding; a byte order mark is dropped. Returns null when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array | string): string | null {
  if (typeof bytes === 'string') return bytes.replace(/^\uFEFF/, '');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}
