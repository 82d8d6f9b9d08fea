/**
 * Deterministic synthetic declarations for tests and benchmarks: sections
 * whose numbering carries across headings, bullets under numbered
 * paragraphs, footnotes, a table, acronyms and cited instruments, grown to a
 * target size. The words are drawn from a fixed vocabulary by a seeded PRNG,
 * so the same arguments always give the same text.
 */
const NOUNS = [
  'cooperation',
  'resilience',
  'connectivity',
  'infrastructure',
  'innovation',
  'security',
  'governance',
  'capacity',
  'transition',
  'investment',
  'markets',
  'supply chains',
  'institutions',
  'partnerships',
  'skills',
  'data flows',
  'standards',
  'finance',
  'health systems',
  'food systems',
];
const ADJECTIVES = ['sustainable', 'inclusive', 'open', 'secure', 'resilient', 'trusted', 'digital', 'regional', 'global', 'fair', 'transparent', 'green'];
const VERBS = [
  'commit to',
  'urge',
  'encourage',
  'support',
  'recognize',
  'acknowledge',
  'note',
  'welcome',
  'reaffirm',
  'emphasize',
  'recommend',
  'express support for',
];
const BODIES: Array<[string, string]> = [
  ['World Trade Organization', 'WTO'],
  ['International Monetary Fund', 'IMF'],
  ['Digital Economy Steering Group', 'DESG'],
  ['Financial Stability Board', 'FSB'],
  ['World Health Organization', 'WHO'],
  ['Asian Development Bank', 'ADB'],
];
const INSTRUMENTS = [
  'Putrajaya Vision 2040',
  'Aotearoa Action Plan',
  'Paris Agreement',
  'Sendai Framework for Disaster Risk Reduction',
  'Lima Roadmap (2025-2040)',
  'Bangkok Goals on Bio-Circular-Green (BCG) Economy',
];
const THEMES = [
  'Trade and Investment',
  'Digital Economy',
  'Health',
  'Climate and Energy',
  'Food Security',
  'Finance',
  'Education and Skills',
  'Gender Equality',
  'Infrastructure',
  'Science and Technology',
];

function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  /** Target size in bytes (the result is slightly larger). */
  bytes: number;
  seed?: number;
  title?: string;
}

export function generateDeclaration(options: GenerateOptions): string {
  const rand = prng(options.seed ?? 42);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const sentence = (first: boolean, n: number): string => {
    const [body, acronym] = pick(BODIES);
    const lead = first && n % 7 === 0 ? `the ${body} (${acronym})` : acronym;
    const parts = [
      `We ${pick(VERBS)} ${pick(ADJECTIVES)} ${pick(NOUNS)} and ${pick(ADJECTIVES)} ${pick(NOUNS)}`,
      rand() < 0.35 ? `, in line with the ${pick(INSTRUMENTS)}` : '',
      rand() < 0.5 ? `, working with ${lead}` : '',
      rand() < 0.3 ? ` to strengthen ${pick(NOUNS)} by ${2025 + Math.floor(rand() * 15)}` : '',
      '.',
    ];
    return parts.join('');
  };
  const out: string[] = [
    '---',
    `title: "${options.title ?? 'Synthetic Leaders’ Communiqué'}"`,
    'kind: "Leaders’ Communiqué"',
    'meeting: "Synthetic Leaders’ Meeting"',
    'date: 2025-11-01',
    'venue: "Gyeongju, Korea"',
    'language: en',
    '---',
    '',
    '# Background',
    '',
    'This synthetic communiqué exercises briefpack on a large, varied text. It is generated, not adopted.',
    '',
    `# ${options.title ?? 'Synthetic Leaders’ Communiqué'}`,
    '',
  ];
  let size = out.join('\n').length;
  let number = 1;
  let section = 0;
  let footnotes = 0;
  while (size < options.bytes) {
    const heading = `## ${THEMES[section % THEMES.length]}${section >= THEMES.length ? ` ${Math.floor(section / THEMES.length) + 1}` : ''}`;
    section++;
    out.push(heading, '');
    const paragraphs = 3 + Math.floor(rand() * 5);
    for (let k = 0; k < paragraphs && size < options.bytes; k++) {
      const sentences = Array.from({ length: 2 + Math.floor(rand() * 4) }, (_, i) => sentence(i === 0, number + i)).join(' ');
      let text = `${number}. ${sentences}`;
      if (number % 11 === 0) {
        footnotes++;
        text += `[^n${footnotes}]`;
      }
      out.push(text, '');
      if (number % 9 === 0) {
        for (let b = 0; b < 3; b++) out.push(`   - ${pick(ADJECTIVES)} ${pick(NOUNS)} for ${pick(NOUNS)};`);
        out.push('');
      }
      if (number % 11 === 0) out.push(`[^n${footnotes}]: One member ${pick(['reserves its position', 'notes its views'])} on paragraph ${number}.`, '');
      if (number % 40 === 0) {
        out.push('| Target | Year |', '| --- | ---: |', `| ${pick(NOUNS)} | ${2030 + (number % 10)} |`, `| ${pick(NOUNS)} | ${2040 + (number % 10)} |`, '');
      }
      number++;
      size += text.length + 2;
    }
  }
  return out.join('\n') + '\n';
}
