/**
 * The XLIFF 2.1 emitter (run phase: model -> bytes): the translation
 * template of a document, validated against the OASIS core schema in the
 * conformance suite. Pre-filled translations come from `extractTemplates`.
 */
import type { Declaration } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import { listUnits } from '../units.js';
import { writeXliff } from './write.js';

export { writeXliff, type XliffOptions } from './write.js';
export { segmentContent, type Piece } from './segments.js';

export async function renderXliff(model: Declaration, ctx: { labels: Labels; version: string }): Promise<string> {
  return writeXliff(model, listUnits(model), { labels: ctx.labels, version: ctx.version });
}
