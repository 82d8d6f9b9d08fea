/**
 * Sentence splitting for clauses and translation segments. Rule-based:
 * a sentence ends at . ! ? (or ; before "we") followed by space and a capital,
 * except after common abbreviations and initials.
 */
const ABBREVIATIONS =
  /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|No|Nos|Mr|Mrs|Ms|Dr|Prof|St|Art|Arts|para|paras|Para|cf|al|Jr|Sr|Co|Inc|Ltd|Gen|Gov|Sen|Rep|Amb|Min|approx|p|pp|U\.S|U\.K|U\.N|E\.U|[A-Z])\.$/;

export interface Sentence {
  text: string;
  /** Offset of the sentence in the input string. */
  start: number;
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[.!?…]+["'”’)\]]*(?=\s+["'“‘([]?[\p{Lu}\p{Lo}\d])|[。！？]+/gu;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    const candidate = text.slice(start, end);
    if (/[.]$/.test(m[0]) && ABBREVIATIONS.test(text.slice(Math.max(start, m.index - 12), m.index + 1))) continue;
    pushSentence(out, text, start, end, candidate);
    start = end;
  }
  if (start < text.length) pushSentence(out, text, start, text.length, text.slice(start));
  return out;
}

function pushSentence(out: Sentence[], text: string, start: number, end: number, candidate: string): void {
  const lead = candidate.length - candidate.trimStart().length;
  const trimmed = candidate.trim();
  if (trimmed) out.push({ text: trimmed, start: start + lead });
  void text;
  void end;
}
