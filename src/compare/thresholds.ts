/**
 * The thresholds of the alignment, in one place (docs/compare.md explains
 * each, and test/unit/compare.test.ts tests each at its edge).
 *
 * Similarities are weighted Dice coefficients of the two paragraphs' words
 * (0: no word in common, 1: the same words), each word weighted by how rare
 * it is in the two texts (inverse document frequency), so that "the", "we"
 * and "and" count for little and "ransomware" for much.
 */
export const THRESHOLDS = {
  /** Two paragraphs at least this similar are the same paragraph, reworded (or moved). */
  paragraph: 0.5,
  /**
   * A paragraph next to a matched one belongs to the same old (split) or new
   * (merged) paragraph when at least this share of its words are words of
   * that paragraph not already accounted for by its match.
   */
  splitShare: 0.8,
  /**
   * Between two pairs that kept their place, an old and a new paragraph left
   * unpaired are the same paragraph rewritten when at least this similar (the
   * pairs that add up to the most similarity, in order).
   */
  nearby: 0.35,
  /** A split-off or merged-in piece has at least this many words (a lone "and" is no split). */
  splitWords: 3,
  /** Two section titles at least this similar (plain word Dice) are the same section. */
  section: 0.5,
  /** Two clauses of matched paragraphs, with the same actor, are the same commitment when what follows their verbs is at least this similar. */
  clause: 0.5,
} as const;
