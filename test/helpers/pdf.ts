/**
 * Helpers for the PDF tests: a render context, a generated long declaration,
 * and thin wrappers around the Debian PDF clients (poppler, qpdf, PDFBox).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { VFile } from 'vfile';
import { compileSource } from '../../src/pipeline/compile.js';
import type { Declaration } from '../../src/model/schema.js';
import { loadLabels } from '../../src/view/labels.js';
import type { RenderContext } from '../../src/render/context.js';

/** 2025-08-04T00:00:00Z, the seed's date. */
export const EPOCH = 1754265600;

export function pdfContext(model: Declaration, path = `${model.id}.md`): RenderContext {
  return { labels: loadLabels(model.meta.language), epoch: EPOCH, version: '0.1.0', templatesDir: null, file: new VFile({ path }) };
}

const WORDS = (
  'cooperation digital economies connectivity infrastructure resilience trust innovation inclusive sustainable growth ' +
  'security governance capacity partnership regional transition investment research standards interoperability'
).split(' ');
const VERBS = ['urge', 'encourage', 'recognize', 'support', 'commit to', 'welcome', 'note', 'reaffirm'];

/** Markdown of a long declaration: `sections` sections of `perSection` numbered paragraphs (about 110 words each). */
export function generatedSource(sections: number, perSection: number): string {
  const lines = ['---', 'title: "Generated Declaration on Long Documents"', 'kind: "Joint Statement"', 'meeting: "Benchmark Ministerial Meeting"', 'date: 2025-01-01', 'language: en', '---', ''];
  let n = 0;
  for (let s = 1; s <= sections; s++) {
    lines.push(`## Section ${s} on ${WORDS[s % WORDS.length]} and ${WORDS[(s * 3) % WORDS.length]}`, '');
    for (let p = 0; p < perSection; p++) {
      n++;
      const sentences: string[] = [];
      for (let k = 0; k < 5; k++) {
        const words = Array.from({ length: 18 }, (_, i) => WORDS[(n * 13 + k * 7 + i * 5) % WORDS.length]);
        sentences.push(`We ${VERBS[(n + k) % VERBS.length]} ${words.join(' ')} of the Generated Economic Forum (GEF).`);
      }
      lines.push(`${n}. ${sentences.join(' ')}`, '');
    }
  }
  return lines.join('\n');
}

export function generatedModel(sections: number, perSection: number): Declaration {
  const result = compileSource('generated.md', Buffer.from(generatedSource(sections, perSection)));
  if (!result.model) throw new Error(`generated source did not compile:\n${result.file.messages.map(String).join('\n')}`);
  return result.model;
}

/** Page count from the page objects of an uncompressed-object-stream PDF (pdfkit writes no object streams). */
export function pageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

// --- Debian clients --------------------------------------------------------

export function run(command: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/**
 * Class path for PDFBox Preflight from Debian's libpdfbox2-java. Its jar
 * needs javax.activation and JAXB at run time, which Java 17 no longer ships
 * (Debian: libactivation-java, libjaxb-api-java).
 */
export const PREFLIGHT_CLASSPATH = [
  '/usr/share/java/preflight.jar',
  '/usr/share/java/pdfbox2.jar',
  '/usr/share/java/fontbox2.jar',
  '/usr/share/java/xmpbox.jar',
  '/usr/share/java/commons-logging.jar',
  '/usr/share/java/javax.activation.jar',
  '/usr/share/java/jaxb-api.jar',
];

export function missingPreflightJars(): string[] {
  return PREFLIGHT_CLASSPATH.filter((jar) => !existsSync(jar));
}

/** Run PDFBox Preflight (PDF/A-1b) on a file; `valid` is true when it reports a valid PDF/A-1b file. */
export function preflight(file: string): { valid: boolean; output: string } {
  const r = run('java', ['-cp', PREFLIGHT_CLASSPATH.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file]);
  const output = `${r.stdout}${r.stderr}`;
  return { valid: r.status === 0 && /is a valid PDF\/A-1b file/.test(output), output };
}

export function pdftotext(file: string, ...args: string[]): string {
  return execFileSync('pdftotext', [...args, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** pdffonts rows: name, embedded, subset. */
export function pdffonts(file: string): Array<{ name: string; emb: boolean; sub: boolean }> {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const cols = line.trim().split(/\s+/);
    // name type… encoding emb sub uni objectId generation
    const n = cols.length;
    return { name: cols[0], emb: cols[n - 5] === 'yes', sub: cols[n - 4] === 'yes' };
  });
}

/** pdfinfo as key -> value. */
export function pdfinfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' }).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}
