/**
 * Parse phase: a gettext PO file -> TranslationFile. Strict: a syntax error,
 * a non-UTF-8 charset or a duplicate msgctxt makes the whole file malformed,
 * with the line it was found on.
 */
import type { ReadResult, TranslationEntry, TranslationProblem } from './translation-file.js';
import { decodeUtf8 } from './translation-file.js';
import { unquotePo } from './po-string.js';

interface RawEntry {
  /** First line of the entry (its first comment). */
  line: number;
  /** Line of its msgctxt (or msgid): where diagnostics point. */
  keyLine: number;
  comments: { translator: string[]; extracted: string[]; references: string[]; flags: string[]; previous: Map<string, string> };
  fields: Map<string, string>;
  obsolete: boolean;
}

class PoSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Parse phase: PO bytes (or text) -> translation entries keyed by msgctxt. */
export function readPo(input: Uint8Array | string, path: string): ReadResult {
  const text = decodeUtf8(input);
  if (text == null) return malformed(`${path} is not valid UTF-8`, 1);
  let raw: RawEntry[];
  try {
    raw = parseEntries(text);
  } catch (error) {
    if (error instanceof PoSyntaxError) return malformed(error.message, error.line);
    throw error;
  }
  const problems: TranslationProblem[] = [];
  const live = raw.filter((e) => !e.obsolete);
  const header = live.find((e) => !e.fields.has('msgctxt') && e.fields.get('msgid') === '');
  const headers = new Map<string, string>();
  if (header) {
    for (const line of (header.fields.get('msgstr') ?? '').split('\n')) {
      const m = /^([^:]+):\s*(.*)$/.exec(line);
      if (m) headers.set(m[1].trim().toLowerCase(), m[2].trim());
    }
    const charset = /charset=([^\s;]+)/i.exec(headers.get('content-type') ?? '')?.[1];
    if (charset && !/^(utf-?8|charset)$/i.test(charset)) {
      return malformed(`The PO header declares charset ${charset}; briefpack reads UTF-8 only`, header.line);
    }
  }
  const entries = new Map<string, TranslationEntry>();
  let unkeyed = 0;
  let firstUnkeyed = 0;
  for (const e of live) {
    if (e === header) continue;
    const id = e.fields.get('msgctxt');
    if (id == null) {
      unkeyed++;
      firstUnkeyed ||= e.line;
      continue;
    }
    if (!e.fields.has('msgid')) return malformed(`The entry for msgctxt "${id}" has no msgid`, e.line);
    if (entries.has(id)) return malformed(`msgctxt "${id}" appears twice (first on line ${entries.get(id)!.line})`, e.keyLine);
    if (e.fields.has('msgid_plural')) {
      problems.push({
        ruleId: 'translation-malformed',
        reason: `Unit ${id} has plural forms, which briefpack units never have; it is ignored`,
        line: e.line,
        column: 1,
        severity: 'warning',
      });
      continue;
    }
    const hashLine = e.comments.extracted.find((c) => /^source-hash:/i.test(c));
    const msgstr = e.fields.get('msgstr') ?? '';
    entries.set(id, {
      id,
      line: e.keyLine,
      column: 1,
      hash: hashLine ? hashLine.replace(/^source-hash:\s*/i, '').trim() || null : null,
      fuzzy: e.comments.flags.includes('fuzzy'),
      source: e.fields.get('msgid') ?? '',
      previousSource: e.comments.previous.get('msgid') ?? null,
      target: msgstr.trim() === '' ? null : { kind: 'markdown', text: msgstr },
    });
  }
  if (unkeyed) {
    problems.push({
      ruleId: 'translation-malformed',
      reason: `${unkeyed} ${unkeyed === 1 ? 'entry has' : 'entries have'} no msgctxt, so no briefpack unit id; ignored`,
      line: firstUnkeyed,
      column: 1,
      severity: 'warning',
    });
  }
  return {
    file: {
      path,
      format: 'po',
      language: headers.get('language') || null,
      sourceLanguage: headers.get('x-briefpack-source-language') || null,
      documents: [{ id: headers.get('x-briefpack-document') || null, original: null, entries }],
    },
    problems,
  };

  function malformed(reason: string, line: number): ReadResult {
    return { file: null, problems: [{ ruleId: 'translation-malformed', reason, line, column: 1 }] };
  }
}

const KEYWORD = /^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+(".*)$/;

function parseEntries(text: string): RawEntry[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n?|\n/);
  const entries: RawEntry[] = [];
  let entry: RawEntry | null = null;
  let field: string | null = null;
  /** Whether the current entry already has its msgstr (a new comment or keyword then starts the next entry). */
  let done = false;

  const fresh = (line: number, obsolete: boolean): RawEntry => ({
    line,
    keyLine: line,
    comments: { translator: [], extracted: [], references: [], flags: [], previous: new Map() },
    fields: new Map(),
    obsolete,
  });
  const close = () => {
    if (entry) {
      if (entry.fields.size > 0) {
        if (!entry.fields.has('msgid')) throw new PoSyntaxError('An entry has no msgid', entry.line);
        if (![...entry.fields.keys()].some((k) => k.startsWith('msgstr'))) throw new PoSyntaxError('An entry has no msgstr', entry.line);
        entries.push(entry);
      }
    }
    entry = null;
    field = null;
    done = false;
  };

  lines.forEach((rawLine, index) => {
    const n = index + 1;
    const line = rawLine.trim();
    if (line === '') {
      close();
      return;
    }
    let obsolete = false;
    let body = line;
    if (body.startsWith('#~')) {
      obsolete = true;
      body = body.slice(2).trim();
      if (body.startsWith('|')) return; // previous-string of an obsolete entry
      if (body === '') return;
    }
    if (body.startsWith('#') && !obsolete) {
      if (done) close();
      entry ??= fresh(n, false);
      const kind = body[1];
      const rest = body.slice(2).trim();
      if (kind === '.') entry.comments.extracted.push(rest);
      else if (kind === ':') entry.comments.references.push(rest);
      else if (kind === ',')
        entry.comments.flags.push(
          ...rest
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean),
        );
      else if (kind === '|') {
        const m = KEYWORD.exec(rest);
        if (m) {
          const value = unquotePo(m[2]);
          if (value == null) throw new PoSyntaxError('A #| previous string is not a valid quoted string', n);
          entry.comments.previous.set(m[1], value);
          field = `#|${m[1]}`;
        } else {
          const value = unquotePo(rest);
          if (value == null || !field?.startsWith('#|')) throw new PoSyntaxError('A #| line is neither a keyword nor a continuation', n);
          const key = field.slice(2);
          entry.comments.previous.set(key, (entry.comments.previous.get(key) ?? '') + value);
        }
      } else entry.comments.translator.push(body.slice(1).trim());
      return;
    }
    const m = KEYWORD.exec(body);
    if (m) {
      const keyword = m[1];
      if (keyword === 'msgctxt' || keyword === 'msgid') {
        if (done || (entry && (entry.fields.has(keyword) || (keyword === 'msgctxt' && entry.fields.has('msgid'))))) close();
      }
      if (entry && entry.obsolete !== obsolete && entry.fields.size > 0) close();
      if (!entry) entry = fresh(n, obsolete);
      else if (entry.fields.size === 0) entry.obsolete = obsolete;
      if (entry.fields.has(keyword)) throw new PoSyntaxError(`${keyword} appears twice in one entry`, n);
      if (keyword.startsWith('msgstr') && !entry.fields.has('msgid')) throw new PoSyntaxError(`${keyword} before msgid`, n);
      if (keyword === 'msgid_plural' && !entry.fields.has('msgid')) throw new PoSyntaxError('msgid_plural before msgid', n);
      const value = unquotePo(m[2]);
      if (value == null) throw new PoSyntaxError(`The ${keyword} string is not a valid quoted string`, n);
      if (keyword === 'msgctxt' || (keyword === 'msgid' && !entry.fields.has('msgctxt'))) entry.keyLine = n;
      const key = keyword === 'msgstr[0]' && !entry.fields.has('msgstr') ? 'msgstr' : keyword;
      entry.fields.set(key, value);
      field = key;
      if (keyword.startsWith('msgstr')) done = true;
      return;
    }
    if (body.startsWith('"')) {
      const value = unquotePo(body);
      if (value == null) throw new PoSyntaxError('Not a valid quoted string', n);
      if (!entry || !field || field.startsWith('#|')) throw new PoSyntaxError('A string continues no keyword', n);
      entry.fields.set(field, (entry.fields.get(field) ?? '') + value);
      return;
    }
    throw new PoSyntaxError(`Cannot read this line: ${line.length > 40 ? line.slice(0, 40) + '…' : line}`, n);
  });
  close();
  return entries;
}
