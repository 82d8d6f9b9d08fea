/**
 * Run phase (docx): what the handlers of one Word file share, split as
 * pandoc's docx writer splits it: a read-only environment (the view, the
 * page, the bookmarks and footnotes planned ahead, the prepared images) and
 * the state that grows while the file is built (the numbering plan, the notes
 * whose Word mark is written, the anchors waiting for the next paragraph).
 */
import type { ParagraphChild } from 'docx';
import type { Labels } from '../../view/labels.js';
import type { BriefingView, ViewNote } from '../../view/types.js';
import type { Bookmarks } from './bookmarks.js';
import type { ImageSet } from './images.js';
import type { NumberingPlan } from './numbering.js';
import type { PageGeometry } from './page.js';
import type { Revisions } from './changes.js';
import type { DocxPlan } from './plan.js';

export interface DocxEnv {
  readonly view: BriefingView;
  readonly labels: Labels;
  readonly page: PageGeometry;
  readonly bookmarks: Bookmarks;
  readonly plan: DocxPlan;
  /** Notes that are Word footnotes, by id. */
  readonly footnotes: ReadonlyMap<string, ViewNote>;
  readonly images: ImageSet;
}

export interface DocxState {
  readonly numbering: NumberingPlan;
  /** Notes whose Word footnote mark has been written (a note has one mark). */
  readonly marked: Set<string>;
  /** Anchors of containers (a list, a quote, an untitled section) and words (a note's number) that open the next paragraph made. */
  pending: { ids: string[]; prefix: ParagraphChild[] };
  /** Tracked changes (compare packs): revision ids, and the moves to write as Word's move markup. */
  readonly revisions: Revisions;
}

export interface Writer {
  readonly env: DocxEnv;
  readonly state: DocxState;
}
