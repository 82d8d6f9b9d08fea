/**
 * The whole front half of the pipeline for one source: bytes -> text ->
 * mdast -> draft model -> checks -> analysis -> model (checked against its
 * schema where it becomes a file: render/json).
 * Content problems end up as messages on the returned file; a fatal one
 * leaves `model` null.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { VFile } from 'vfile';
import { decodeSource, type DecodeOptions } from '../parse/decode-source.js';
import { parseMarkdown } from '../parse/parse-markdown.js';
import { findUnclosedFrontMatter } from '../parse/front-matter.js';
import { toDeclaration, titleFromFileName } from '../model/to-declaration.js';
import { lintModel } from '../lint/index.js';
import { imageFolder } from '../model/images.js';
import { analyze, type TagStore } from '../analyze/index.js';
import type { Declaration } from '../model/schema.js';
import { DocumentFailed, applySeverities, fail, hasErrors, type SeverityOverride } from '../diagnostics/report.js';

export interface CompileOptions extends DecodeOptions {
  /** Keep the model even when errors were reported (for `check` and tests). */
  keepOnError?: boolean;
  /** Parse large texts in pieces (default) or whole (tests compare the two). */
  chunkedParse?: boolean;
  /** Per-rule severities from the project file (a source's front matter `rules:` wins for that source). */
  rules?: Record<string, SeverityOverride>;
  /** Where the analysis keeps and finds what the language model said of each sentence (a rebuild then rarely loads the model). */
  tags?: TagStore | null;
}

export interface Compiled {
  file: VFile;
  model: Declaration | null;
  /** The decoded source text (after BOM and line-ending normalization). */
  text: string | null;
}

export function documentId(path: string): string {
  return basename(path, extname(path));
}

export function compileSource(path: string, bytes: Uint8Array, options: CompileOptions = {}): Compiled {
  const file = new VFile({ path });
  let text: string | null = null;
  try {
    text = decodeSource(bytes, file, options);
    file.value = text;
    if (findUnclosedFrontMatter(text)) {
      fail(file, 'front-matter-unclosed', 'Front matter opened with --- on line 1 is never closed with ---', { line: 1, column: 1 });
    }
    const tree = parseMarkdown(text, { chunked: options.chunkedParse });
    const id = documentId(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const draft = toDeclaration(tree, file, text, id, sha256);
    const titleFromFile =
      draft.meta.title === titleFromFileName(id) &&
      !draft.textTitle &&
      !(tree.children[0]?.type === 'yaml' && /^title\s*:/m.test((tree.children[0] as { value: string }).value));
    const model = analyze(draft, { tags: options.tags });
    lintModel(model, file, { imageFolder: imageFolder(path), titleFromFile });
    applySeverities(file, options.rules, model.meta.rules as Record<string, SeverityOverride> | undefined);
    if (hasErrors(file) && !options.keepOnError) return { file, model: null, text };
    return { file, model, text };
  } catch (error) {
    if (error instanceof DocumentFailed) return { file, model: null, text };
    throw error;
  }
}
