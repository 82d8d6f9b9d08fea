/**
 * The one signature every layout renderer shares (run phase: view -> bytes).
 * `renderHtml`, `renderPdf` and `renderDocx` take `(view, ctx)` and return
 * the file's bytes; they decide no content and never write files.
 */
import type { VFile } from 'vfile';
import type { BriefingView } from '../view/types.js';

/** The look of a pack (`theme:` in briefpack.yaml), the same in every format. */
export interface Theme {
  page: 'A4' | 'Letter';
  colors: { accent: string };
  /** Face names (built-in) or resolved font files; null keeps the built-in faces. */
  fonts: { text: string | null; heading: string | null };
}

export const DEFAULT_THEME: Theme = { page: 'A4', colors: { accent: '#1f3864' }, fonts: { text: null, heading: null } };

export interface RenderContext {
  /** Render failures (a font that cannot load, a template that does not run) are reported on this file. */
  file: VFile;
  /** HTML: a folder of Handlebars templates that override the built-in ones by file name. */
  templatesDir: string | null;
  /** HTML: stylesheets appended after the built-in one. */
  css?: string[];
  theme?: Theme;
  /** DOCX: a reference document whose styles and page setup the output takes. */
  referenceDoc?: Uint8Array | null;
  /** PDF: a flat folder of font files replacing the npm font packages. */
  fontsDir?: string | null;
}

export type Renderer = (view: BriefingView, ctx: RenderContext) => Promise<Uint8Array | string>;

/** A renderer that hands its bytes to `write` a piece at a time as it makes them (PDF), instead of returning them whole. */
export type StreamRenderer = (view: BriefingView, ctx: RenderContext, write: (chunk: Uint8Array) => void) => Promise<void>;
