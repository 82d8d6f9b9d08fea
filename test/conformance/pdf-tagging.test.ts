/**
 * pdfmake's structure tagging (patches/pdfmake+0.3.11.patch) read back by
 * real clients, on documents laid out straight through pdfmake with the
 * harness in test/helpers/pdfmake-tagging.ts (compressed, as shipped):
 * - pdfinfo: "Tagged: yes"; `-struct` has every element type the patch
 *   makes; `-struct-text` holds every word of the body text in reading order
 *   and none of the page furniture (running header, footer, background, a
 *   node tagged Artifact), and a repeated table header once;
 * - qpdf --json (qpdf 11.3): the structure tree walked from the catalog:
 *   every marked-content sequence of every page (MCIDs in the decoded content
 *   streams) is referenced from the ParentTree and by the element it names,
 *   or is an Artifact; nothing is drawn outside marked content; the
 *   ParentTree is complete; every link annotation is in a Link element;
 *   /Lang, /MarkInfo, DisplayDocTitle, /Tabs /S;
 * - PDFBox Preflight (PDF/A-1b, the only PDF/A validator Debian ships): the
 *   PDF/A-1a + PDF/UA-1 file passes the part-1 rules it checks; a PDF/A-2a
 *   file is refused ("part must be 1"), so 2a cannot be checked here;
 * - the cost of tagging on a 150-page document: the share of a tagged layout's
 *   CPU profile spent in tagging code (gate: under 15%), and the A/B timings
 *   with and without tags (reported; a busy machine makes them wander).
 * Files and figures are written to test-artifacts/pdf-tagging/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { Session, type Profiler } from 'node:inspector/promises';
import { ROOT } from '../helpers/paths.js';
import { checkWithQpdf, hasCommand, missingInOrder, missingPreflightJars, pdfinfo, pdftotext, preflight, run } from '../helpers/pdf.js';
import { FURNITURE_WORDS, TAGGED, UNTAGGED, layout, longDefinition, sampleDefinition, type Definition } from '../helpers/pdfmake-tagging.js';

const ARTIFACTS = join(ROOT, 'test-artifacts', 'pdf-tagging');
const SHIPPED: Definition = { ...TAGGED, compress: true };

/** Functions of the tagging: the patch's (Renderer, LayoutBuilder) and pdfkit's structure and marked content. */
const TAGGING_FUNCTIONS: Record<string, Set<string>> = {
  'Renderer.js': new Set(['tagItem', 'markTag', 'closeTag', 'endPageTags', 'structElement', 'inlineTag', 'linkAnnotation', 'inlineChildTag']),
  'LayoutBuilder.js': new Set(['tagNode', 'newTag']),
  'pdfkit.js': new Set([
    'markContent',
    'markStructureContent',
    'endMarkedContent',
    'struct',
    'addStructure',
    'endMarkings',
    'getStructParentTree',
    'createStructParentTreeNextKey',
    '_addContentToParentTree',
    '_addAnnotationToParentTree',
    'setParent',
    'setAttached',
    '_flush',
    '_flushChild',
    '_isFlushable',
  ]),
};

/** CPU time of a profile's samples with a tagging function on their stack, against all busy samples. */
function taggingShare(profile: Profiler.Profile): { share: number; taggingMs: number; busyMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map<number, boolean>();
  const inTagging = (id: number): boolean => {
    let r = memo.get(id);
    if (r === undefined) {
      const frame = byId.get(id)!.callFrame;
      const file = frame.url.split('/').pop() ?? '';
      r = !!TAGGING_FUNCTIONS[file]?.has(frame.functionName) || (parent.has(id) && inTagging(parent.get(id)!));
      memo.set(id, r);
    }
    return r;
  };
  let busy = 0;
  let tagging = 0;
  profile.samples!.forEach((id, i) => {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const dt = profile.timeDeltas![i];
    busy += dt;
    if (inTagging(id)) tagging += dt;
  });
  return { share: tagging / busy, taggingMs: tagging / 1000, busyMs: busy / 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('tagged PDF from pdfmake, read by real clients', () => {
  let sample: string;
  let bodyWords: string[];
  let long: string;

  beforeAll(async () => {
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    const s = sampleDefinition(SHIPPED);
    bodyWords = s.bodyWords;
    sample = join(ARTIFACTS, 'sample-a1a-ua1.pdf');
    writeFileSync(sample, await layout(s.definition));
    long = join(ARTIFACTS, 'long-a1a-ua1.pdf');
    writeFileSync(long, await layout(longDefinition(40, SHIPPED)));
  });

  it('has the Debian clients it needs (poppler-utils, qpdf, libpdfbox2-java)', () => {
    expect(['pdfinfo', 'pdftotext', 'qpdf', 'java'].filter((t) => !hasCommand(t))).toEqual([]);
    expect(missingPreflightJars()).toEqual([]);
  });

  it('pdfinfo: Tagged: yes, the title shown, and qpdf --check passes', () => {
    for (const file of [sample, long]) {
      const info = pdfinfo(file);
      expect(info.Tagged).toBe('yes');
      expect(info.Suspects).toBe('no');
      expect(info.Title).toBeTruthy();
      const check = run('qpdf', ['--check', file]);
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
  });

  it('pdfinfo -struct: every element type the patch makes', () => {
    const struct = execFileSync('pdfinfo', ['-struct', sample], { encoding: 'utf8' });
    const types = new Set([...struct.matchAll(/^\s*([A-Za-z][A-Za-z0-9]*)\b/gm)].map((m) => m[1]));
    for (const type of [
      'Document',
      'H1',
      'H2',
      'P',
      'Link',
      'Span',
      'Sect',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'Table',
      'TR',
      'TH',
      'TD',
      'Figure',
      'Note',
      'TOC',
      'TOCI',
    ]) {
      expect(types, type).toContain(type);
    }
    expect(struct).toMatch(/\/Scope \/Column/);
    expect(struct).toMatch(/\/ColSpan 2/);
  });

  it('pdfinfo -struct-text: the body text in reading order, no page furniture, a repeated header once', () => {
    const structText = execFileSync('pdfinfo', ['-struct-text', sample], { encoding: 'utf8' });
    const content = [...structText.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join(' ');
    writeFileSync(join(ARTIFACTS, 'sample-struct-text.txt'), structText);
    expect(missingInOrder(bodyWords, content)).toEqual([]);
    for (const word of FURNITURE_WORDS) expect(content, word).not.toContain(word);
    expect(content.match(/Whiskey/g)).toHaveLength(1);
    // the furniture is on the pages all the same
    const page1 = pdftotext(sample, '-f', '1', '-l', '1');
    for (const word of ['Runninghead 1', 'Folio 1 of 5', 'Backdrop', 'Tango']) expect(page1).toContain(word);
    expect(pdftotext(sample).match(/Whiskey/g)!.length).toBeGreaterThan(1);
  });

  it('qpdf --json: every marked-content sequence is in the ParentTree and its element, or an Artifact; links are in Link elements', () => {
    const a = checkWithQpdf(sample);
    const b = checkWithQpdf(long);
    console.log(`qpdf walk: sample ${JSON.stringify(a)}, 40-page document ${JSON.stringify(b)}`);
    expect(a.annotations).toBeGreaterThanOrEqual(5);
    expect(b.mcids).toBeGreaterThan(200);
  });

  it('PDFBox Preflight passes the PDF/A-1a + PDF/UA-1 file (its part-1 rules); it refuses PDF/A-2a ("part must be 1")', async () => {
    for (const file of [sample, long]) {
      const r = preflight(file);
      expect(r.valid, r.output).toBe(true);
    }
    const a2a = join(ARTIFACTS, 'sample-a2a-ua1.pdf');
    writeFileSync(a2a, await layout(sampleDefinition({ ...SHIPPED, subset: 'PDF/A-2a', version: '1.7' }).definition));
    const r = preflight(a2a);
    expect(r.valid).toBe(false);
    expect(r.output).toMatch(/part must be 1/);
  });

  it('the cost of tagging: a 150-page document, in process (CPU profile share; A/B median of 5 runs)', async () => {
    const untagged: Definition = { ...UNTAGGED, compress: true };
    await layout(longDefinition(150, untagged));

    // (1) the share of the tagged layout's CPU samples spent in tagging code (its callees included):
    // a proportion of one run, so it holds on a busy machine where A/B timings wander
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const bytes = await layout(longDefinition(150, SHIPPED));
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const share = taggingShare(profile);
    const pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

    // (2) A/B: the same document with and without tags, alternating, median of 5 each
    const wall = { tagged: [] as number[], untagged: [] as number[] };
    const cpu = { tagged: [] as number[], untagged: [] as number[] };
    for (let i = 0; i < 5; i++) {
      for (const name of i % 2 ? (['untagged', 'tagged'] as const) : (['tagged', 'untagged'] as const)) {
        const definition = longDefinition(150, name === 'tagged' ? SHIPPED : untagged);
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await layout(definition);
        wall[name].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[name].push((c.user + c.system) / 1000);
      }
    }
    const figures = {
      pages,
      profileShare: share,
      wallMs: { untagged: median(wall.untagged), tagged: median(wall.tagged) },
      cpuMs: { untagged: median(cpu.untagged), tagged: median(cpu.tagged) },
      wallRatio: median(wall.tagged) / median(wall.untagged),
      cpuRatio: median(cpu.tagged) / median(cpu.untagged),
      loadAverage: loadavg()[0],
      runs: { wall, cpu },
    };
    writeFileSync(join(ARTIFACTS, 'tagging-cost.json'), JSON.stringify(figures, null, 2));
    console.log(
      `tagging cost, ${pages} pages: ${(share.share * 100).toFixed(1)}% of the tagged layout's CPU samples (${share.taggingMs.toFixed(0)} of ${share.busyMs.toFixed(0)} ms); ` +
        `A/B wall ${figures.wallMs.untagged.toFixed(0)} -> ${figures.wallMs.tagged.toFixed(0)} ms (x${figures.wallRatio.toFixed(3)}), ` +
        `CPU ${figures.cpuMs.untagged.toFixed(0)} -> ${figures.cpuMs.tagged.toFixed(0)} ms (x${figures.cpuRatio.toFixed(3)}), load average ${figures.loadAverage.toFixed(1)}`,
    );
    expect(pages).toBeGreaterThanOrEqual(140);
    // the goal: tagging at most 15% of render time
    expect(share.share).toBeLessThan(0.15);
  }, 600_000);
});
