/**
 * Parse phase, step 3: the YAML front matter -> plain values, with positioned
 * diagnostics for bad YAML, duplicate keys, wrong types and unknown keys.
 */
import type { VFile } from 'vfile';
import { parseDocument, isMap, isScalar, LineCounter, type Document } from 'yaml';
import type { Yaml } from 'mdast';
import { fail, report } from '../diagnostics/report.js';

/** Keys briefpack reads; anything else is kept in meta but warned about. */
export const KNOWN_KEYS = [
  'title',
  'kind',
  'meeting',
  'date',
  'venue',
  'chair',
  'language',
  'lang',
  'marking',
  'short-title',
  'shortTitle',
  'source',
  'instruments',
  'glossary',
  'subtitle',
  'place',
  'id',
  'organization',
  'logo',
  'rules',
  'previous',
] as const;

const STRING_KEYS = [
  'title',
  'kind',
  'meeting',
  'venue',
  'chair',
  'marking',
  'short-title',
  'shortTitle',
  'source',
  'subtitle',
  'place',
  'id',
  'organization',
  'logo',
  'previous',
];

export interface FrontMatter {
  values: Record<string, unknown>;
  /** Line (1-based, in the source) of each top-level key, for diagnostics. */
  keyLines: Record<string, { line: number; column: number }>;
}

/** Is this a bare unclosed `---` opening at the very top of the file? */
export function findUnclosedFrontMatter(text: string): boolean {
  if (!/^---[ \t]*\n/.test(text)) return false;
  const rest = text.slice(text.indexOf('\n') + 1);
  return !/^(---|\.\.\.)[ \t]*$/m.test(rest);
}

export function readFrontMatter(node: Yaml | null, file: VFile): FrontMatter {
  const empty: FrontMatter = { values: {}, keyLines: {} };
  if (!node || node.value.trim() === '') return empty;
  // The YAML body starts on the line after the opening ---.
  const firstLine = (node.position?.start.line ?? 1) + 1;
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(node.value, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const where = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: firstLine + p.line - 1, column: p.col };
  };
  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    fail(
      file,
      duplicate ? 'front-matter-duplicate-key' : 'front-matter-yaml',
      duplicate ? `Front matter has a duplicate key: ${error.message.split('\n')[0]}` : `Front matter is not valid YAML: ${error.message.split('\n')[0]}`,
      where(error.pos[0]),
    );
  }
  const contents = doc.contents;
  if (contents == null) return empty;
  if (!isMap(contents)) {
    fail(file, 'front-matter-type', 'Front matter must be a mapping of keys to values', where(contents.range?.[0] ?? 0));
  }
  const values: Record<string, unknown> = {};
  const keyLines: FrontMatter['keyLines'] = {};
  for (const pair of contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const place = where(isScalar(keyNode) ? (keyNode.range?.[0] ?? 0) : 0);
    keyLines[key] = place;
    const node = pair.value as { toJSON?: () => unknown; range?: number[] } | null;
    const value = node && typeof node.toJSON === 'function' ? node.toJSON() : (node as unknown);
    const valuePlace = node?.range ? where(node.range[0]) : place;
    values[key] = checkType(key, value, valuePlace, file);
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      report(file, 'front-matter-unknown-key', `Unknown front-matter key "${key}" is kept in meta but not used`, place);
    }
  }
  return { values, keyLines };
}

function checkType(key: string, value: unknown, place: { line: number; column: number }, file: VFile): unknown {
  if (value == null) return null;
  if (STRING_KEYS.includes(key)) {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value !== 'string') fail(file, 'front-matter-type', `Front-matter key "${key}" must be text`, place);
    return value;
  }
  if (key === 'date') {
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : null;
    if (
      !iso ||
      !/^\d{4}-\d{2}-\d{2}$/.test(iso) ||
      Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) ||
      new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso
    ) {
      fail(
        file,
        'front-matter-type',
        `Front-matter "date" must be an ISO date like 2025-08-04, not ${JSON.stringify(value instanceof Date ? iso : value)}`,
        place,
      );
    }
    return iso;
  }
  if (key === 'language' || key === 'lang') {
    if (typeof value !== 'string' || !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(value.trim())) {
      fail(file, 'front-matter-type', `Front-matter "${key}" must be a BCP 47 language tag such as en or ko, not ${JSON.stringify(value)}`, place);
    }
    return value.trim();
  }
  if (key === 'rules') {
    const ok =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => ['off', 'error', 'warning', 'info'].includes(String(v)));
    if (!ok) fail(file, 'front-matter-type', 'Front-matter "rules" must map rule ids to off, error, warning or info', place);
    return value;
  }
  if (key === 'instruments') {
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v) => typeof v === 'string' || (typeof v === 'object' && v !== null))) {
      fail(file, 'front-matter-type', 'Front-matter "instruments" must be a list of titles', place);
    }
    return value;
  }
  return value;
}
