/**
 * The compare stage: two declarations -> their alignment, the comparison
 * (the `.compare.json` contract), and a compare view of the new text with
 * its changes marked, rendered like any view (docs/compare.md).
 */
export { align, unitsOf, type Alignment, type Pair, type Unit, type Placed } from './align.js';
export { compareClauses, type ClauseChange, type ClauseStatus } from './clauses.js';
export { comparisonOf, type Comparison, type ParagraphStatus } from './comparison.js';
export { buildCompareView } from './view.js';
export { summaryText } from './summary.js';
export { diffInline } from './inline-diff.js';
export { THRESHOLDS } from './thresholds.js';
export { compareTexts, comparePack, COMPARE_FORMAT_NAMES, type CompareFormat, type CompareOptions, type CompareOutput, type ComparedTexts } from './pack.js';
