/**
 * `briefpack print-default <file.docx>`: a reference document to start a
 * Word template from, as `pandoc -o custom-reference.docx --print-default-data-file
 * reference.docx` gives one. It is a Word file made by the renderer itself
 * from a small built-in sample that puts every paragraph and character style
 * of a pack to use (cover, contents, headings 1 to 4, body text, numbered
 * paragraphs, lists, a quote, code, a table, a footnote, the annexes'
 * captions and tables, the marking, header and footer; the styles a sample
 * cannot show, such as Translation Note, are defined in it all the same), so
 * a user can open it in Word, change the styles and the page setup, and save
 * it as the template that `docx.referenceDoc` / `--reference-doc` names. An
 * existing file is kept unless `--force`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve, relative } from 'node:path';
import type { Command } from 'commander';
import { VFile } from 'vfile';
import { compileSource } from '../pipeline/compile.js';
import { epochFor } from '../model/epoch.js';
import { imageFolder } from '../model/images.js';
import { ALL_PARTS, buildView, loadLabels } from '../view/index.js';
import { renderDocx } from '../render/docx/index.js';
import { briefpackVersion } from '../util/version.js';
import { UsageError } from './errors.js';

/** The built-in sample: each block names the Word style it shows. */
const SAMPLE = `---
title: "Reference Declaration on the Styles of a Briefing Pack"
short-title: "Reference Declaration"
kind: "Joint Statement"
meeting: "Reference Ministerial Meeting"
date: 2025-01-15
venue: "Geneva, Switzerland"
chair: "The Chair of the Meeting"
language: en
---

# Background

This background note is body text in the style Normal. It names the World Trade Organization (WTO), links to [a web page](https://example.org/) (style Hyperlink), and sets **bold** and *italic* words and \`inline code\` (style HTML Code).

## A heading in the background

- A bullet, in the style List Bullet.
  - A bullet one level down, in the style List Bullet 2.
- Another bullet, with a paragraph after it:

  A paragraph that continues the bullet, in the style List Continue.

# Reference declaration on the styles of a briefing pack

## A section heading (Heading 2)

1. We, the Ministers, met to agree on the look of this pack.[^style] Each numbered paragraph is in the style List Number, its number from Word's numbering.

2. We commit to restyling the following:

   1. an ordered item, in the style List Number 2;
   2. another ordered item.

### A subsection heading (Heading 3)

3. We urge all members to implement the Paris Agreement and the Sendai Framework for Disaster Risk Reduction, and we note the table below (styles Table Heading and Table Contents, table style Table Grid).

   | Column heading | Amount |
   |:---------------|-------:|
   | Table contents | 100 |
   | Another row | 200 |

#### A lower heading (Heading 4)

4. We welcome the quotation and the code below.

> A quoted passage, in the style Quote.

\`\`\`text
A block of code, in the style HTML Preformatted.
\`\`\`

## Another section

5. We encourage the organization to share this template with the WTO.

[^style]: A footnote, in the style footnote text; its mark is in the style footnote reference.
`;

/** A plain logo (shapes only, no text) for the Cover Logo style. */
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80"><rect width="240" height="80" rx="8" fill="#1f3864"/><circle cx="40" cy="40" r="24" fill="#ffffff"/><rect x="80" y="30" width="140" height="20" rx="4" fill="#ffffff"/></svg>`;

/** The reference document's bytes: the built-in sample, rendered as every pack is. */
export async function referenceDocument(): Promise<Uint8Array> {
  const path = 'reference.md';
  const compiled = compileSource(path, new TextEncoder().encode(SAMPLE));
  if (!compiled.model) throw new Error(`the built-in sample did not compile: ${compiled.file.messages.map(String).join('; ')}`);
  const model = compiled.model;
  const view = buildView(model, {
    labels: loadLabels(model.meta.language),
    epoch: epochFor(model),
    version: briefpackVersion(),
    imageFolder: imageFolder(path),
    parts: ALL_PARTS,
    organization: { name: 'Organization Name', logo: { mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(LOGO), width: 240, height: 80 } },
    marking: 'MARKING',
  });
  return renderDocx(view, { file: new VFile({ path }), templatesDir: null });
}

/** Write the reference document to `file`; an existing file is an error unless `force`. */
export async function printDefault(file: string, options: { force?: boolean } = {}): Promise<string> {
  const target = resolve(file);
  if (!/\.docx$/i.test(target)) throw new UsageError(`print-default writes a Word file: give a name ending in .docx (not ${file})`);
  if (existsSync(target) && !options.force) throw new UsageError(`${file} exists; use --force to overwrite it`);
  writeFileSync(target, await referenceDocument());
  return target;
}

export function registerPrintDefault(program: Command): void {
  program
    .command('print-default')
    .description('Write a reference document (.docx) to start a Word template from; change its styles in Word and use it with --reference-doc')
    .argument('<file>', 'the .docx to write, e.g. reference.docx')
    .option('--force', 'overwrite the file if it exists')
    .action(async (file: string, options: { force?: boolean }) => {
      const written = await printDefault(file, options);
      const shown = relative(process.cwd(), written);
      process.stderr.write(`wrote ${shown && !shown.startsWith('..') ? shown : written}\n`);
      process.stderr.write('next: change its styles in Word, then build with --reference-doc or docx.referenceDoc in briefpack.yaml\n');
    });
}
