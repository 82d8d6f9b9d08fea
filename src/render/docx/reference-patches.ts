/**
 * Run phase (docx): what a reference document (`--reference-doc`) changes in
 * a packed file, shared by the single pack and the book: the reference read
 * once (one it cannot use is a warning), and the patches of the styles part
 * (briefpack's styles, right to left when the view is, merged with the
 * reference's) and of the theme part.
 */
import type { BriefingView } from '../../view/types.js';
import { report } from '../../diagnostics/report.js';
import type { RenderContext } from '../context.js';
import { mergeStyles, readReference, ReferenceProblem, type ReferenceDoc } from './reference.js';
import { withBidiDefaults, withTableStyle } from './styles.js';

/** The reference document of the context, read; one it cannot use is a warning, and the file keeps briefpack's styles and page. */
export function referenceOf(ctx: RenderContext): ReferenceDoc | null {
  if (!ctx.referenceDoc) return null;
  try {
    return readReference(ctx.referenceDoc);
  } catch (error) {
    if (!(error instanceof ReferenceProblem)) throw error;
    report(ctx.file, 'config-file', `The reference document ${error.message}; the Word file keeps briefpack's own styles and page setup`, null, 'warning');
    return null;
  }
}

/**
 * The patches of `word/styles.xml` and `word/theme/theme1.xml`, in the order
 * they must run: the theme part follows the styles taken from the reference.
 */
export function stylePatches(view: BriefingView, reference: ReferenceDoc | null): Record<string, (xml: string) => string> {
  const rtl = view.dir === 'rtl';
  let usesTheme = false;
  const styles = (xml: string): string => {
    if (!reference?.styles) return rtl ? withBidiDefaults(withTableStyle(xml)) : withTableStyle(xml);
    const merged = mergeStyles(withTableStyle(xml), reference.styles, { rtl });
    usesTheme = merged.usesTheme;
    return merged.xml;
  };
  return {
    'word/styles.xml': styles,
    ...(reference?.theme ? { 'word/theme/theme1.xml': (xml: string) => (usesTheme ? reference.theme! : xml) } : {}),
  };
}
