/**
 * Lint rules on inline content: unsafe links, internal links that lead
 * nowhere, images that cannot be embedded, raw HTML the allow-list drops.
 * The model keeps no positions inside a block, so each problem is placed at
 * the start of its block (or section title, or footnote).
 */
import type { VFile } from 'vfile';
import type { Block, Declaration, Inline, Position } from '../model/schema.js';
import { linkTarget } from '../model/urls.js';
import { resolveImage } from '../model/images.js';
import { inlineHtml, rawHtmlBlock, type Dropped } from '../model/raw-html.js';
import { anchorIds } from '../model/ids.js';
import { walkBlock } from '../model/walk.js';
import { report } from '../diagnostics/report.js';

export interface LinkLintOptions {
  /** Folder that local images are read from (the source's folder). */
  imageFolder: string;
}

export function checkInlines(model: Declaration, file: VFile, options: LinkLintOptions): void {
  const anchors = anchorIds(model);
  const at = (position: Position | null | undefined) => (position && position.start.offset + position.end.offset > 0 ? position.start : undefined);
  const check = (content: readonly Inline[], position: Position | null | undefined) => {
    const place = at(position);
    let hasHtml = false;
    const visit = (nodes: readonly Inline[]) => {
      for (const node of nodes) {
        if (node.type === 'link') {
          const target = linkTarget(node.url);
          if (target.kind === 'unsafe') report(file, 'unsafe-link', `A link to ${target.reason} was removed (its text is kept)`, place);
          else if (target.kind === 'internal' && !anchors.has(target.id))
            report(file, 'link-broken', `The link #${target.id} points at no paragraph, section or note (its text is kept)`, place);
          visit(node.children);
        } else if (node.type === 'image') {
          const image = resolveImage(node.url, options.imageFolder);
          if (!image.ok) report(file, image.rule, image.reason, place);
        } else if (node.type === 'html') hasHtml = true;
        else if ('children' in node) visit(node.children);
      }
    };
    visit(content);
    if (hasHtml) inlineHtml(content, dropper(file, place));
  };
  const block = (b: Block) => {
    if (b.kind === 'html') rawHtmlBlock(b.value ?? '', dropper(file, at(b.position)));
    else if (b.kind === 'table' && b.table) for (const cell of [...b.table.header, ...b.table.rows.flat()]) check(cell, b.position);
    else check(b.content, b.position);
  };
  // A source's own logo is read like its images.
  if (typeof model.meta.logo === 'string' && model.meta.logo.trim()) {
    const logo = resolveImage(model.meta.logo, options.imageFolder);
    if (!logo.ok) report(file, logo.rule, `Front-matter logo: ${logo.reason}`, { line: 1, column: 1 });
  }
  const blocks = (list: readonly Block[]) => {
    for (const top of list) walkBlock(top, block);
  };
  blocks(model.background);
  if (model.textTitle) check(model.textTitle.content, null);
  for (const section of model.sections) {
    check(section.titleContent, section.position);
    blocks(section.blocks);
  }
  for (const footnote of model.footnotes) blocks(footnote.blocks);
}

function dropper(file: VFile, place: Position['start'] | undefined): Dropped {
  return (rule, reason) => {
    report(file, rule, reason, place);
  };
}
