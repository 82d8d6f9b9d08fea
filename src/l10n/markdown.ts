/**
 * Stringify phase: a (translated) model -> Markdown in briefpack's source
 * convention, through remark-stringify, so a reviewer can read and diff a
 * translation as plain text and briefpack can build it again. Numbered
 * paragraphs are ordered-list items that keep their numbers.
 */
import type { BlockContent, DefinitionContent, ListItem, Root, RootContent, TableRow, List } from 'mdast';
import { stringify as stringifyYaml } from 'yaml';
import type { Declaration, Block as ModelBlock } from '../model/schema.js';
import { isItem } from '../model/walk.js';
import { BACKGROUND_HEADING } from '../model/to-declaration.js';
import { loadLabels } from '../view/labels.js';
import { stringifyMarkdown } from './inline-markdown.js';
import { toMdastPhrasing as toPhrasing } from '../model/to-mdast.js';

type Block = BlockContent | DefinitionContent;

/** Stringify phase: model -> Markdown source text. */
export function translatedMarkdown(model: Declaration): string {
  const children: RootContent[] = [];
  children.push({ type: 'yaml', value: frontMatter(model) });
  if (model.background.length) {
    const label = loadLabels(model.meta.language).background;
    children.push({ type: 'heading', depth: 1, children: [{ type: 'text', value: BACKGROUND_HEADING.test(label) ? label : 'Background' }] });
    children.push(...blocks(model.background));
  }
  if (model.textTitle) children.push({ type: 'heading', depth: 1, children: toPhrasing(model.textTitle.content) });
  for (const section of model.sections) {
    if (section.title != null) {
      const content = section.titleContent.length ? toPhrasing(section.titleContent) : [{ type: 'text' as const, value: section.title }];
      children.push({ type: 'heading', depth: section.level as 1 | 2 | 3 | 4 | 5 | 6, children: content });
    }
    children.push(...blocks(section.blocks));
  }
  for (const f of model.footnotes) {
    children.push({ type: 'footnoteDefinition', identifier: f.identifier, label: f.label, children: f.blocks.flatMap((b) => block(b)) });
  }
  const root: Root = { type: 'root', children };
  return stringifyMarkdown(root);
}

function frontMatter(model: Declaration): string {
  const { title, kind, meeting, date, venue, chair, language, marking, shortTitle, ...rest } = model.meta;
  const values: Record<string, unknown> = { title, kind, meeting, date, venue, chair, language, marking, 'short-title': shortTitle, ...rest };
  for (const k of Object.keys(values)) if (values[k] == null) delete values[k];
  const lines: string[] = [];
  const t = model.translation;
  if (t) {
    lines.push(`# Translated from ${t.sourceLanguage} (${model.id}) by briefpack.`);
    const stale: string[] = [];
    const missing: string[] = [];
    collectUntranslated(model, stale, missing);
    if (t.untranslatedMeta.length) lines.push(`# Front matter in source text: ${t.untranslatedMeta.join(', ')}`);
    if (stale.length) lines.push(`# Out of date, source text shown: ${stale.join(', ')}`);
    if (missing.length) lines.push(`# Untranslated, source text shown: ${missing.join(', ')}`);
  }
  return [...lines, stringifyYaml(values, { lineWidth: 0 }).trimEnd()].join('\n');
}

function collectUntranslated(model: Declaration, stale: string[], missing: string[]): void {
  const visit = (p: ModelBlock) => {
    if (p.untranslated === 'stale') stale.push(p.id);
    else if (p.untranslated === 'missing') missing.push(p.id);
    p.children.forEach(visit);
  };
  model.background.forEach(visit);
  for (const s of model.sections) {
    if (s.untranslated === 'stale') stale.push(`${s.id}-title`);
    else if (s.untranslated === 'missing') missing.push(`${s.id}-title`);
    s.blocks.forEach(visit);
  }
  for (const f of model.footnotes) f.blocks.forEach(visit);
}

/** Blocks of a part; runs of numbered paragraphs with consecutive numbers become one ordered list. */
function blocks(list: ModelBlock[]): Block[] {
  const out: Block[] = [];
  let run: List | null = null;
  let next = 0;
  for (const p of list) {
    if (p.kind === 'numbered' && p.number != null) {
      if (!run || p.number !== next) {
        run = { type: 'list', ordered: true, start: p.number, spread: true, children: [] };
        out.push(run);
      }
      run.children.push(listItem(p));
      next = p.number + 1;
      continue;
    }
    run = null;
    out.push(...block(p));
  }
  return out;
}

function listItem(p: ModelBlock): ListItem {
  const children: Block[] = [];
  if (p.content.length) children.push({ type: 'paragraph', children: toPhrasing(p.content) });
  // Children in source order: a run of items is a list, any other block stands as itself.
  let items: ModelBlock[] = [];
  const flush = () => {
    children.push(...itemLists(items));
    items = [];
  };
  for (const c of p.children) {
    if (isItem(c)) items.push(c);
    else {
      flush();
      children.push(...block(c));
    }
  }
  flush();
  return { type: 'listItem', spread: p.children.some((c) => !isItem(c)), children };
}

/** Sub-items as lists: ordered runs (numbered items) and bullet runs. */
function itemLists(items: ModelBlock[]): List[] {
  const lists: List[] = [];
  for (const item of items) {
    const ordered = item.number != null;
    let last = lists[lists.length - 1];
    if (!last || last.ordered !== ordered) {
      last = { type: 'list', ordered, start: ordered ? item.number : undefined, spread: false, children: [] };
      lists.push(last);
    }
    last.children.push(listItem(item));
  }
  return lists;
}

function block(p: ModelBlock): Block[] {
  switch (p.kind) {
    case 'plain':
      return [{ type: 'paragraph', children: toPhrasing(p.content) }];
    case 'numbered':
    case 'bullet':
      return [{ type: 'list', ordered: p.kind === 'numbered', start: p.number ?? undefined, spread: false, children: [listItem(p)] }];
    case 'heading':
      return [{ type: 'heading', depth: (p.depth ?? 2) as 1 | 2 | 3 | 4 | 5 | 6, children: toPhrasing(p.content) }];
    case 'list':
      return itemLists(p.children).map((l) => ({ ...l, ordered: p.ordered ?? l.ordered }));
    case 'table': {
      const t = p.table;
      if (!t) return [];
      const row = (cells: ModelBlock['content'][]): TableRow => ({
        type: 'tableRow',
        children: cells.map((c) => ({ type: 'tableCell', children: toPhrasing(c) })),
      });
      return [{ type: 'table', align: t.align, children: [row(t.header), ...t.rows.map(row)] }];
    }
    case 'code':
      return [{ type: 'code', lang: p.lang ?? null, meta: null, value: p.value ?? '' }];
    case 'html':
      return [{ type: 'html', value: p.value ?? '' }];
    case 'quote':
      return [{ type: 'blockquote', children: p.children.flatMap(block) }];
    case 'rule':
      return [{ type: 'thematicBreak' }];
  }
}
