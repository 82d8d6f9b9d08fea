/**
 * Run phase (docx): what the small emitters of one Word file share while it
 * is built: the model, labels, bookmark names, the numbering plan, the
 * footnotes already referenced and the headings met so far (for the contents).
 */
import type { VFile } from 'vfile';
import type { Declaration, Position } from '../../model/schema.js';
import type { Labels } from '../../view/labels.js';
import { report } from '../../diagnostics/report.js';
import type { RuleId } from '../../diagnostics/rules.js';
import { Bookmarks } from './bookmarks.js';
import { NumberingPlan } from './numbering.js';

export interface TocEntry {
  title: string;
  level: number;
  bookmark: string;
}

export class DocxContext {
  readonly bookmarks: Bookmarks;
  readonly numbering = new NumberingPlan();
  /** Footnote index (Word's footnote id) by model identifier. */
  readonly footnoteIndex = new Map<string, number>();
  /** Footnotes whose Word footnote has been referenced once already. */
  readonly referencedFootnotes = new Set<string>();
  /** Heading 1-3 paragraphs in document order: the entries of the contents. */
  readonly headings: TocEntry[] = [];

  constructor(
    readonly model: Declaration,
    readonly labels: Labels,
    readonly file: VFile,
  ) {
    this.bookmarks = new Bookmarks(model, labels);
    for (const note of model.footnotes) this.footnoteIndex.set(note.identifier, note.index);
  }

  /** Rule, place and reason of the messages the file holds, read once (a scan per report is O(n²)). */
  private reported: Set<string> | null = null;

  /** Report a content problem once per rule and place, whichever emitter saw it first. */
  report(ruleId: RuleId, reason: string, position: Position | null): void {
    const start = position?.start;
    const key = (rule: string | undefined, line: number | undefined, column: number | undefined, why: string) => JSON.stringify([rule, line, column, why]);
    this.reported ??= new Set(this.file.messages.map((m) => key(m.ruleId ?? undefined, m.line ?? undefined, m.column ?? undefined, m.reason)));
    const k = key(ruleId, start?.line, start?.column, reason);
    if (this.reported.has(k)) return;
    this.reported.add(k);
    report(this.file, ruleId, reason, start ? { line: start.line, column: start.column } : undefined);
  }
}
