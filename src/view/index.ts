/**
 * The view stage: Declaration -> BriefingView, what every format shows.
 */
export { buildView, ALL_PARTS, type ViewOptions, type PartOptions } from './build-view.js';
export { viewText } from './inline.js';
export { loadLabels, fillLabel, labelLanguages, type Labels, type LabelOverrides } from './labels.js';
export { formatDate, formatNumber, pageLabel, directionOf } from './format.js';
export { STRENGTH_ORDER, type AnnexOptions, type CommitmentLimits } from './annexes.js';
export { BULLETS } from './blocks.js';
export type * from './types.js';
export { buildBookView, type BookSource, type BookInfo, type BookOptions } from './book.js';
