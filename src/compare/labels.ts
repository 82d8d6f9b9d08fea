/**
 * The words of compare packs, from templates/labels/<lang>.json like every
 * other label (every language file has them; a project's `labels:` may
 * override them). They are flat keys named `compare…`.
 */
import type { Labels } from '../view/labels.js';

export interface CompareLabels {
  /** "{title}: changes" — the document title of a compare pack. */
  compareTitle: string;
  compareOld: string;
  compareNew: string;
  /** What a screen reader says before inserted and deleted words. */
  compareInserted: string;
  compareDeleted: string;
  compareLegendInserted: string;
  compareLegendDeleted: string;
  compareLegendMoved: string;
  compareLegendBar: string;
  compareView: string;
  compareViewChanges: string;
  compareViewClean: string;
  compareUnchanged: string;
  compareChanged: string;
  compareMoved: string;
  compareAdded: string;
  compareRemoved: string;
  compareSplit: string;
  compareMerged: string;
  compareStrengthened: string;
  compareWeakened: string;
  compareMovedFrom: string;
  compareMovedTo: string;
  compareSplitFrom: string;
  compareMergedFrom: string;
  compareRemovedFrom: string;
  compareChangedFrom: string;
  compareSectionAdded: string;
  compareSectionRemoved: string;
  compareSectionRenamed: string;
  compareParagraphs: string;
  compareCommitments: string;
  compareCommitmentsChanged: string;
  compareCommitmentsAdded: string;
  compareCommitmentsRemoved: string;
  compareInstruments: string;
  compareAcronyms: string;
  compareChange: string;
  compareNumber: string;
  compareOldText: string;
}

export type AllLabels = Labels & CompareLabels;

const KEYS: ReadonlyArray<keyof CompareLabels> = [
  'compareTitle',
  'compareOld',
  'compareNew',
  'compareInserted',
  'compareDeleted',
  'compareLegendInserted',
  'compareLegendDeleted',
  'compareLegendMoved',
  'compareLegendBar',
  'compareView',
  'compareViewChanges',
  'compareViewClean',
  'compareUnchanged',
  'compareChanged',
  'compareMoved',
  'compareAdded',
  'compareRemoved',
  'compareSplit',
  'compareMerged',
  'compareStrengthened',
  'compareWeakened',
  'compareMovedFrom',
  'compareMovedTo',
  'compareSplitFrom',
  'compareMergedFrom',
  'compareRemovedFrom',
  'compareChangedFrom',
  'compareSectionAdded',
  'compareSectionRemoved',
  'compareSectionRenamed',
  'compareParagraphs',
  'compareCommitments',
  'compareCommitmentsChanged',
  'compareCommitmentsAdded',
  'compareCommitmentsRemoved',
  'compareInstruments',
  'compareAcronyms',
  'compareChange',
  'compareNumber',
  'compareOldText',
];

/** The compare words of a label set (loadLabels gives every key of the language file, English filling any gap). */
export function compareLabels(labels: Labels): AllLabels {
  const all = labels as AllLabels;
  const missing = KEYS.filter((k) => typeof all[k] !== 'string');
  if (missing.length) throw new Error(`The labels for "${labels.language}" lack ${missing.join(', ')} (templates/labels/${labels.language}.json)`);
  return all;
}
