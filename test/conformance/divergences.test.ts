/**
 * Regression tests for the divergences of issue 12 ("Why"), one each, named
 * after it: on a small source built for it, HTML, PDF and DOCX (read back
 * with parse5, pdftotext/qpdf and pandoc: test/helpers/parity.ts) show the
 * same thing, and it is what the view decided. The diagnostics test runs
 * the built CLI (dist/, compiled by the global setup, copied first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BriefingView, ViewBlock, ViewInline } from '../../src/view/types.js';
import { FIXTURES } from '../helpers/paths.js';
import {
  FORMATS,
  compareCover,
  compareRows,
  compareWords,
  docxHeadings,
  docxLinks,
  htmlLinks,
  pdfLinks,
  pdfPages,
  readAll,
  readRefLabels,
  renderAll,
  rowCells,
  rowsUnder,
  sameCell,
  sourceView,
  tableHeaders,
  viewCommitmentRows,
  viewRefLabels,
  type FormatName,
  type FormatRead,
  type ReadLink,
} from '../helpers/parity.js';
import { viewWords } from '../helpers/view-words.js';
import { words } from '../helpers/words.js';
import { relativeTo, spawnCollect, type JsonDiagnostic } from '../helpers/bad-inputs.js';
import { privateDist, type PrivateDist } from '../helpers/private-dist.js';

const work = mkdtempSync(join(tmpdir(), 'briefpack-divergences-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Pack {
  path: string;
  view: BriefingView;
  reads: Record<FormatName, FormatRead>;
  files: Record<FormatName, string>;
}

let serial = 0;

/** Write `markdown` as a source, build its view, render the three formats and read them back. */
async function pack(markdown: string, name: string): Promise<Pack> {
  const path = join(work, `${name}.md`);
  writeFileSync(path, markdown);
  return packOf(path);
}

async function packOf(path: string): Promise<Pack> {
  const view = sourceView(path);
  const rendered = await renderAll(view, path);
  const dir = join(work, `out-${++serial}`);
  const reads = await readAll(view, rendered, dir);
  // readAll writes the files under `dir`; keep our own copies by name for the link readers.
  const stem = join(dir, `${view.id}-own`);
  writeFileSync(`${stem}.pdf`, rendered.pdf);
  writeFileSync(`${stem}.docx`, rendered.docx);
  return { path, view, reads, files: { html: rendered.html, pdf: `${stem}.pdf`, docx: `${stem}.docx` } };
}

/** Every word of a pack, in order, compared with the view (body, notes and cover): no problems expected. */
function wordProblems(p: Pack): string[] {
  const vw = viewWords(p.view);
  return FORMATS.flatMap((f) => [...compareWords(vw, p.reads[f].main, f).problems, ...compareCover(vw, p.reads[f].cover, f)]);
}

/** The index of the first occurrence of each word (as words.ts gives them) in a list of words. */
const positions = (list: readonly { w: string }[], wanted: readonly string[]) => wanted.map((w) => list.findIndex((t) => t.w === w));

const FRONT = (title: string, extra = '') => `---\ntitle: "${title}"\ndate: 2025-03-12\nlanguage: en\n${extra}---\n\n`;

describe('issue 12: each divergence, fixed', () => {
  it('Commitments annex: the same rows in HTML, PDF and DOCX (un-preambular)', async () => {
    const p = await packOf(join(FIXTURES, 'un-preambular', 'input.md'));
    const expected = viewCommitmentRows(p.view).map(rowCells);
    // Every clause, the preambular ones too (DOCX used to keep the 2 operative ones only).
    const annex = p.view.parts.flatMap((x) => (x.kind === 'annexes' ? x.annexes : [])).find((a) => a.kind === 'commitments');
    expect(annex?.kind === 'commitments' && annex.groups.flatMap((g) => g.rows).length).toBe(5);
    expect(expected.map((r) => r[2])).toEqual(expect.arrayContaining(['RECOGNISING', 'NOTING', 'WELCOMING', 'URGES', 'DECIDES']));
    const [header] = tableHeaders(p.view);
    for (const f of FORMATS) expect(compareRows(expected, rowsUnder(p.reads[f], header), f, 'commitments annex')).toEqual([]);
  });

  it('Block order: a list item followed by a continuation paragraph comes in the same order in HTML, PDF and DOCX', async () => {
    const p = await pack(
      FRONT('Declaration on Block Order') +
        [
          '## Order',
          '',
          '1. We agree on these points:',
          '',
          '   - alpha point;',
          '   - bravo point.',
          '',
          '   This charlie paragraph continues paragraph one after its list.',
          '',
          '2. We note a list of our own:',
          '',
          '   - delta item, with a list under it:',
          '',
          '     - echo subitem.',
          '',
          '     This foxtrot paragraph continues the delta item after its list.',
          '',
          '   - golf item.',
          '',
          '3. We close with hotel.',
          '',
        ].join('\n'),
      'block-order',
    );
    const order = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const view = positions(viewWords(p.view).body, order);
    expect(
      view.every((x, i) => x >= 0 && (i === 0 || x > view[i - 1])),
      `view order ${view}`,
    ).toBe(true);
    for (const f of FORMATS) {
      const at = positions(p.reads[f].main, order);
      expect(
        at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1])),
        `${f} order ${JSON.stringify(order.map((w, i) => [w, at[i]]))}`,
      ).toBe(true);
    }
    expect(wordProblems(p)).toEqual([]);
  });

  it('Dates: the same cover date string in HTML, PDF and DOCX, in the language of the document (en-GB)', async () => {
    const p = await pack(FRONT('Declaration on Dates').replace('language: en', 'language: en-GB') + '## Dates\n\n1. We meet again next year.\n', 'dates');
    const date = p.view.cover?.fields.find((f) => f.key === 'date');
    expect(date?.value).toBe('12 March 2025');
    expect(date?.datetime).toBe('2025-03-12');
    for (const f of FORMATS) expect([f, p.reads[f].coverDate]).toEqual([f, '12 March 2025']);
    expect(wordProblems(p)).toEqual([]);
  });

  it('Cross-reference labels: the same labels ("Background note, ¶ 3", "¶ 12") in HTML, PDF and DOCX; notes numbered alike', async () => {
    const numbered = Array.from({ length: 11 }, (_, k) => `${k + 1}. We note item ${k + 1} of the agenda.`);
    const p = await pack(
      FRONT('Declaration on Labels') +
        [
          '# Background',
          '',
          'The ministers met twice before this meeting.',
          '',
          'They prepared the text in two rounds.',
          '',
          'The World Trade Organization (WTO) hosted the last round.[^venue]',
          '',
          '# Declaration on Labels',
          '',
          '## Trade',
          '',
          ...numbered.flatMap((l) => [l, '']),
          '12. We commit to implementing the Paris Agreement.',
          '',
          '[^venue]: Held at the headquarters of the WTO.',
          '',
        ].join('\n'),
      'labels',
    );
    const expected = viewRefLabels(p.view);
    expect(expected.glossary).toEqual(['Background note, ¶ 3']);
    expect(expected.instruments).toEqual(['¶ 12']);
    expect(expected.commitments).toContain('¶ 12');
    for (const f of FORMATS) {
      const read = readRefLabels(p.view, p.reads[f]);
      for (const key of ['commitments', 'glossary', 'instruments'] as const) {
        expect([f, key, read[key].length]).toEqual([f, key, expected[key].length]);
        read[key].forEach((label, k) => expect(sameCell(expected[key][k], label, f), `${f} ${key}: ${label} for ${expected[key][k]}`).toBe(true));
      }
    }
    // The note reference `[^venue]` is note 1 at its reference and at the note, in every format.
    expect(wordProblems(p)).toEqual([]);
  });

  it('URLs: the same link decisions for a javascript:, a relative, an https and a #p3 link in HTML, PDF and DOCX', async () => {
    const p = await pack(
      FRONT('Declaration on Links') +
        [
          '## Links',
          '',
          '1. See the [unsafe alpha](javascript:alert(1)), the [relative bravo](docs/annex.html), the [secure charlie](https://example.org/report) and [paragraph delta](#p3).',
          '',
          '2. We note the second paragraph.',
          '',
          '3. We note the third paragraph.',
          '',
        ].join('\n'),
      'urls',
    );
    const expected: Record<string, Omit<ReadLink, 'text'> | null> = {
      'unsafe alpha': null,
      'relative bravo': { kind: 'external', target: 'docs/annex.html' },
      'secure charlie': { kind: 'external', target: 'https://example.org/report' },
      'paragraph delta': { kind: 'internal', target: 'p3' },
    };
    // The view decides once.
    for (const [text, link] of Object.entries(expected)) expect([text, viewLinkOf(p.view, text)]).toEqual([text, link]);
    const read: Record<FormatName, ReadLink[]> = {
      html: htmlLinks(p.files.html),
      pdf: await pdfLinks(p.files.pdf),
      docx: await docxLinks(p.files.docx),
    };
    for (const f of FORMATS) {
      for (const [text, link] of Object.entries(expected)) {
        // A PDF link's words are pdftotext's, with the punctuation that follows them ("bravo,").
        const found = read[f].filter((l) => words(l.text).join(' ') === words(text).join(' '));
        if (!link) {
          expect([f, text, found]).toEqual([f, text, []]);
          continue;
        }
        expect([f, text, found.length]).toEqual([f, text, 1]);
        expect([f, text, found[0].kind]).toEqual([f, text, link.kind]);
        // Each format names an anchor its own way (HTML id, PDF destination, Word bookmark): the paragraph's id in all three here.
        expect([f, text, found[0].target]).toEqual([f, text, link.target]);
      }
      // The words of the unsafe link are kept, as text.
      expect(
        p.reads[f].main.some((t) => t.w === 'alpha'),
        f,
      ).toBe(true);
    }
    expect(wordProblems(p)).toEqual([]);
  });

  it('Raw HTML: x<script>alert(1)</script> shows no "alert" in HTML, PDF or DOCX', async () => {
    const p = await pack(
      FRONT('Declaration on Raw HTML') +
        '## Raw\n\n1. We keep x<script>alert(1)</script> and the words after it.\n\n<script>\nalert(2)\n</script>\n\n2. We note <b>bold</b> raw HTML.\n',
      'raw-html',
    );
    const all = viewWords(p.view);
    expect([...all.body, ...all.cover].some((t) => t.w === 'alert')).toBe(false);
    for (const f of FORMATS) {
      const words = [...p.reads[f].cover, ...p.reads[f].main].map((t) => t.w);
      expect([f, words.filter((w) => w === 'alert' || w === 'script')]).toEqual([f, []]);
      expect(words, f).toContain('x');
    }
    expect(wordProblems(p)).toEqual([]);
  });

  it('Cover and headings: the text is headed by the title in HTML, PDF and DOCX', async () => {
    const p = await pack(
      FRONT('Declaration on Headings') + '## First Section\n\n1. We commit to cooperation.\n\n## Second Section\n\n2. We note the results.\n',
      'headings',
    );
    const text = p.view.parts.find((x) => x.kind === 'text');
    expect(text?.kind === 'text' && text.headingText).toBe('Declaration on Headings');
    expect(p.view.cover?.title).toBe('Declaration on Headings');
    // The heading just before the first section's, in each format.
    const before: Record<FormatName, string | null> = { html: null, pdf: null, docx: null };
    const html = /<section id="text"[^>]*>\s*<h2[^>]*>([\s\S]*?)<\/h2>/.exec(p.files.html);
    before.html = html ? html[1].replace(/<[^>]+>/g, '').trim() : null;
    // PDF: the line before the first line that is the section's title (the contents show it with its page number).
    const lines = (await pdfPages(p.files.pdf)).flatMap((page) => linesOf(page.words));
    const first = lines.indexOf('First Section');
    before.pdf = first > 0 ? lines[first - 1] : null;
    // DOCX: the headings pandoc reads (the contents entries are no headings).
    const headings = await docxHeadings(p.files.docx);
    const firstDocx = headings.findIndex((h) => h.text === 'First Section');
    before.docx = firstDocx > 0 ? headings[firstDocx - 1].text : null;
    expect(firstDocx > 0 && headings[firstDocx - 1].level).toBe(1);
    expect(before).toEqual({ html: 'Declaration on Headings', pdf: 'Declaration on Headings', docx: 'Declaration on Headings' });
    expect(wordProblems(p)).toEqual([]);
  });
});

/** The link decision of the view for the link whose words are `text`: an address, an anchor, or none. */
function viewLinkOf(view: BriefingView, text: string): Omit<ReadLink, 'text'> | null {
  let found: Omit<ReadLink, 'text'> | null = null;
  const plain = (nodes: readonly ViewInline[]): string => nodes.map((n) => ('value' in n ? n.value : 'children' in n ? plain(n.children) : '')).join('');
  const inline = (nodes: readonly ViewInline[]) => {
    for (const n of nodes) {
      if (n.type === 'link' && plain(n.children) === text) found = { kind: 'external', target: n.href };
      else if (n.type === 'xref' && plain(n.children) === text) found = { kind: 'internal', target: n.target };
      else if ('children' in n) inline(n.children);
    }
  };
  const blocks = (list: readonly ViewBlock[]) => {
    for (const b of list) {
      if ('content' in b) inline(b.content);
      if ('children' in b) blocks(b.children);
      if (b.kind === 'list') {
        for (const i of b.items) {
          inline(i.content);
          blocks(i.children);
        }
      }
    }
  };
  for (const part of view.parts) if (part.kind === 'text') for (const s of part.sections) blocks(s.blocks);
  return found;
}

/** Lines of PDF words (stream order), as text. */
function linesOf(words: ReadonlyArray<{ text: string; x0: number; x1: number; y0: number; y1: number }>): string[] {
  const out: string[] = [];
  let prev: (typeof words)[number] | null = null;
  for (const w of words) {
    if (prev && w.x0 >= prev.x1 - 1 && Math.abs(w.y0 - prev.y0) < 2) out[out.length - 1] += ` ${w.text}`;
    else out.push(w.text);
    prev = w;
  }
  return out;
}

describe('issue 12: diagnostics', () => {
  let dist: PrivateDist;
  beforeAll(() => {
    dist = privateDist();
  }, 1_200_000);
  afterAll(() => dist?.remove());

  it('Diagnostics: check and build print the same for a javascript: link and a remote image (and agree with --strict)', async () => {
    const dir = mkdtempSync(join(work, 'diagnostics-'));
    writeFileSync(
      join(dir, 'links.md'),
      FRONT('Declaration on Diagnostics') +
        '## Text\n\n1. We note the [report](javascript:alert(1)).\n\n2. We note the chart ![a chart of pledges](https://example.org/chart.png).\n',
    );
    const env = { ...process.env, CI: 'true', GITHUB_ACTIONS: '' };
    const cli = (args: string[]) => spawnCollect(process.execPath, [dist.cli, ...args, '--reporter', 'json'], { cwd: dir, env, timeoutMs: 300_000 });
    const list = (stdout: string, stderr: string) => {
      let parsed: { diagnostics: JsonDiagnostic[] };
      try {
        parsed = JSON.parse(stdout) as { diagnostics: JsonDiagnostic[] };
      } catch {
        throw new Error(`not JSON:\n${stdout}\n${stderr}`);
      }
      return parsed.diagnostics.map((d) => `${relativeTo(dir, d.file)}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`).sort();
    };
    const built = await cli(['build', 'links.md', '--no-cache', '--out', 'out']);
    const checked = await cli(['check', 'links.md']);
    const fromBuild = list(built.stdout, built.stderr);
    const fromCheck = list(checked.stdout, checked.stderr);
    expect(fromCheck).toEqual(fromBuild);
    expect(fromCheck.filter((d) => / unsafe-link /.test(d))).toHaveLength(1);
    expect(fromCheck.filter((d) => / image-remote /.test(d))).toHaveLength(1);
    expect(checked.code).toBe(built.code);
    expect(built.code).toBe(0);

    const strictBuilt = await cli(['build', 'links.md', '--no-cache', '--out', 'out-strict', '--strict']);
    const strictChecked = await cli(['check', 'links.md', '--strict']);
    expect(list(strictChecked.stdout, strictChecked.stderr)).toEqual(list(strictBuilt.stdout, strictBuilt.stderr));
    expect(strictChecked.code).toBe(strictBuilt.code);
    expect(strictBuilt.code).not.toBe(0);
  }, 600_000);
});
