import type { Declaration } from '../../src/model/schema.js';

/** Every text field of the model that carries source text, joined. */
export function modelText(model: Declaration): string {
  return [
    model.textTitle?.text ?? '',
    ...model.background.map((p) => p.text),
    ...model.sections.flatMap((s) => [s.title ?? '', ...s.blocks.map((p) => p.text)]),
    ...model.footnotes.map((f) => f.text),
  ].join('\n');
}

export function numbers(model: Declaration): number[] {
  return model.sections
    .flatMap((s) => s.blocks)
    .filter((p) => p.number != null)
    .map((p) => p.number!);
}
