/**
 * A project's term list: the official translations of instrument titles,
 * acronym expansions and other terms, named by `terms:` in briefpack.yaml
 * (or `extract --terms`). Two formats:
 *
 * - CSV: the first row names the languages (`en,fr,es`), each further row
 *   is one term in those languages;
 * - TBX (ISO 30042): `termEntry` (or `conceptEntry`) elements, each with a
 *   `langSet xml:lang="…"` per language holding `tig/term` or `termSec/term`.
 *
 * `extract --lang` pre-fills the term units (instrument titles, expansions)
 * with the official translation; notes name it for terms inside paragraphs.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { fromXml } from 'xast-util-from-xml';
import type { Element as XmlElement, Nodes as XmlNodes } from 'xast';

/** Per term (in the source language), its translations by language. */
export type TermList = Map<string, Map<string, string>>;

export class TermListError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(message);
    this.name = 'TermListError';
  }
}

const primary = (tag: string) => tag.toLowerCase().split(/[-_]/)[0];

/** Read a term list; `sourceLang` is the language the terms are looked up in. */
export function readTermList(path: string, sourceLang: string): TermList {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows = extname(path).toLowerCase() === '.tbx' ? tbxRows(text) : csvRows(text);
  const out: TermList = new Map();
  const source = primary(sourceLang);
  for (const row of rows) {
    const term = row.get(source);
    if (!term) continue;
    const translations = out.get(term) ?? new Map<string, string>();
    for (const [lang, value] of row) if (lang !== source && value) translations.set(lang, value);
    out.set(term, translations);
  }
  return out;
}

/** The official translation of `term` into `lang`, if the list has one. */
export function officialTranslation(list: TermList | null, term: string, lang: string): string | null {
  return list?.get(term.trim())?.get(primary(lang)) ?? null;
}

function csvRows(text: string): Array<Map<string, string>> {
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw new TermListError(`The term list is not valid CSV: ${e.message.split('\n')[0]}`, e.lines ?? null);
  }
  const [header, ...rest] = records;
  if (!header?.length || !header.every((h) => /^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]+)*$/.test(h))) {
    throw new TermListError('The first row of a CSV term list names the languages of its columns (for example: en,fr,es)', 1, 1);
  }
  const langs = header.map(primary);
  return rest.map((cells) => new Map(langs.map((lang, i) => [lang, (cells[i] ?? '').trim()] as [string, string])));
}

function tbxRows(text: string): Array<Map<string, string>> {
  if (/<!DOCTYPE/i.test(text)) throw new TermListError('A DOCTYPE is not allowed in a term list');
  let tree: XmlNodes;
  try {
    tree = fromXml(text);
  } catch (error) {
    const e = error as { message: string; line?: number; column?: number };
    throw new TermListError(`The term list is not well-formed XML: ${e.message}`, e.line ?? null, e.column ?? null);
  }
  const rows: Array<Map<string, string>> = [];
  const elements = (node: XmlNodes, name: string, out: XmlElement[] = []): XmlElement[] => {
    if (node.type === 'element' && node.name === name) out.push(node);
    if ('children' in node) for (const c of node.children) elements(c as XmlNodes, name, out);
    return out;
  };
  const textOf = (node: XmlNodes): string =>
    node.type === 'text' ? node.value : 'children' in node ? node.children.map((c) => textOf(c as XmlNodes)).join('') : '';
  for (const entry of [...elements(tree, 'termEntry'), ...elements(tree, 'conceptEntry')]) {
    const row = new Map<string, string>();
    for (const langSet of elements(entry, 'langSet')) {
      const lang = String(langSet.attributes['xml:lang'] ?? '');
      const [term] = elements(langSet, 'term');
      if (lang && term) row.set(primary(lang), textOf(term).replace(/\s+/g, ' ').trim());
    }
    rows.push(row);
  }
  return rows;
}
