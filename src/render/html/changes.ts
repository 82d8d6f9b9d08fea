/**
 * Compare packs in HTML (run phase helper): what the templates read of the
 * changes part and of a changed block. Nothing is decided here: the view
 * gave every word; this only names the classes the stylesheet sets
 * (compare.css: underline, strike-through, a bar beside a changed block,
 * the switch between the changes and the clean new text).
 */
import type { BlockChange, ChangesPart } from '../../view/types.js';

export interface ChangeContext {
  status: BlockChange['status'];
  label: string;
}

export function changeContext(change: BlockChange | undefined): ChangeContext | null {
  return change ? { status: change.status, label: change.label } : null;
}

/** The changes part as the `changes` template reads it. */
export function changesContext(part: ChangesPart) {
  return {
    id: part.id,
    heading: part.heading,
    compared: part.compared,
    views: part.views,
    legend: part.legend.map((item) => ({
      ...item,
      is: { ins: item.mark === 'ins', del: item.mark === 'del', moved: item.mark === 'moved', bar: item.mark === 'bar' },
    })),
    tables: part.tables.map((t) => ({
      id: t.id,
      heading: t.heading,
      head: t.head.map((text, i) => ({ text, numeric: t.numeric[i] })),
      rows: t.rows.map((r) => r.map((c, i) => ({ ...c, numeric: t.numeric[i] }))),
      empty: t.empty,
    })),
  };
}

/** The radio inputs of the switch (first in `main`, so the stylesheet can reach the text after them): their ids and the group's name. */
export function compareSwitch(part: ChangesPart | undefined) {
  return part ? { name: 'cmp-view', changes: 'cmp-view-changes', clean: 'cmp-view-clean', label: part.views.label } : null;
}
