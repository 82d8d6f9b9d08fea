/**
 * The gettext emitter (run phase: model -> bytes): the .pot template of a
 * document. msgids carry inline Markdown from the same serializer as
 * `--emit-markdown`; pre-filled .po files come from `extractTemplates`.
 */
import type { Declaration } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import { listUnits } from '../units.js';
import { writePo } from './write.js';

export { writePo, poDate, INLINE_SYNTAX_HELP, type PoOptions } from './write.js';

export async function renderPot(model: Declaration, ctx: { labels: Labels; version: string; epoch: number }): Promise<string> {
  return writePo(model, listUnits(model), { labels: ctx.labels, version: ctx.version, epoch: ctx.epoch });
}
