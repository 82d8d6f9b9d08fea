import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration, Block } from '../../src/model/schema.js';
import { FIXTURES } from './paths.js';

export const RICH = join(FIXTURES, 'l10n', 'rich-declaration.md');
export const HANGUL = /[\uAC00-\uD7A3]/;

/** Compile Markdown text as if it were the file at `path` (same document id). */
export function modelFromText(path: string, text: string): Declaration {
  const result = compileSource(path, Buffer.from(text, 'utf8'));
  if (!result.model) throw new Error(`${path} did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

/** What a translator does who copies every source into its target: msgstr = msgid. */
export function fillPo(po: string): string {
  return po.replace(/^msgid ((?:".*"\n)+)msgstr ""\n/gm, 'msgid $1msgstr $1');
}

/** Every XLIFF segment gets its source as target (codes and markers included). */
export function fillXliff(xlf: string): string {
  return xlf.replace(/<source>((?:(?!<\/source>)[\s\S])*)<\/source><\/segment>/g, '<source>$1</source><target>$1</target></segment>');
}

const created: string[] = [];

/** A fresh translations folder holding one file (removed by removeTempFolders). */
export function translationsWith(lang: string, name: string, text: string): string {
  const dir = tempFolder();
  mkdirSync(join(dir, lang), { recursive: true });
  writeFileSync(join(dir, lang, name), text);
  return dir;
}

/** A temporary folder, removed by removeTempFolders. */
export function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefpack-l10n-'));
  created.push(dir);
  return dir;
}

export function removeTempFolders(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function freshFile(path: string): VFile {
  return new VFile({ path });
}

/** Every paragraph of the text part, depth first. */
export function allParagraphs(model: Declaration): Block[] {
  const out: Block[] = [];
  const visit = (p: Block) => {
    out.push(p);
    p.children.forEach(visit);
  };
  model.background.forEach(visit);
  for (const s of model.sections) s.blocks.forEach(visit);
  for (const f of model.footnotes) f.blocks.forEach(visit);
  return out;
}

/** The text a reader sees, for "same words" checks. */
export function visibleText(model: Declaration): string {
  return [
    model.meta.title,
    model.meta.kind,
    model.meta.meeting,
    model.meta.venue,
    model.meta.chair,
    model.textTitle?.text,
    ...model.background.map((p) => p.text),
    ...model.sections.flatMap((s) => [s.title, ...s.blocks.map((p) => p.text)]),
    ...model.footnotes.map((f) => f.text),
  ]
    .filter(Boolean)
    .join('\n');
}

/** Paragraph numbers in document order. */
export function numbers(model: Declaration): Array<number | null> {
  return model.sections.flatMap((s) => s.blocks.map((p) => p.number));
}
