/**
 * The project file, `briefpack.yaml`: found from the working folder upward
 * (as Quarto finds `_quarto.yml`), or named with `--config`. Validated with
 * a zod schema; every problem is a diagnostic at the file's line and column,
 * with a "did you mean" for a misspelt key. Paths in it are relative to the
 * file. Command-line flags override it; a source's front matter overrides
 * both for that document. `schema/config.schema.json` (generated from the
 * same schema) lets editors complete the keys.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { VFile } from 'vfile';
import { report } from '../diagnostics/report.js';
import { nearest } from '../util/nearest.js';
import { rules as RULES, type RuleId } from '../diagnostics/rules.js';
import { readImage } from '../model/images.js';
import { StrengthName } from '../model/schema.js';
import { BRIEF_ID } from '../model/book-links.js';
import { loadLabels } from '../view/labels.js';
import { FACES, faceNamed } from '../render/pdf/fonts.js';
import type { PackSpec } from './options.js';

const Severity = z.enum(['off', 'error', 'warning', 'info']);

const CommitmentLimits = z.strictObject({
  minStrength: StrengthName.optional().describe('leave out clauses weaker than this'),
  limit: z.number().int().min(0).optional().describe('keep at most this many rows (the strongest)'),
});

/** The labels one language may override: every key of templates/labels/en.json (which has them all), each a string; `strengths` by strength. */
const LabelSet = (() => {
  const { language: _language, strengths, ...names } = loadLabels('en');
  const strings = (keys: object) => Object.fromEntries(Object.keys(keys).map((k) => [k, z.string().optional()]));
  return z.strictObject({ ...strings(names), strengths: z.strictObject(strings(strengths)).optional() });
})();

const Labels = z.record(z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]+)*$/, 'a language tag such as en or fr-CA'), LabelSet);

const PackConfig = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", as in a file name')
    .describe('names the output folder: out/packs/<id>/'),
  title: z.string().min(1).describe('the title on the cover of the book'),
  subtitle: z.string().optional().describe('shown above the title ("Briefing pack")'),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2025-08-04')
    .optional()
    .describe('the date on the cover (YYYY-MM-DD)'),
  brief: z
    .string()
    .describe('Markdown (purpose, key messages, lines to take), rendered first; it may link to any paragraph of any document: [¶7](<document id>#p7)'),
  documents: z.array(z.string()).min(1).describe('source files, in the order of the book'),
  compare: z.record(z.string(), z.string()).optional().describe('a document of the pack -> the earlier text to compare it with (the redline section)'),
});

export const ProjectConfig = z
  .strictObject({
    $schema: z.string().optional(),
    sources: z.array(z.string()).min(1).optional().describe('source files or folders (default: [source])'),
    out: z.string().optional().describe('output folder (default: out)'),
    formats: z
      .array(z.enum(['html', 'pdf', 'docx', 'xliff', 'po', 'json']))
      .min(1)
      .optional()
      .describe('formats to build (default: all)'),
    languages: z.array(z.string()).optional().describe('translated packs to build when translations exist'),
    translations: z.string().optional().describe('folder of translations/<lang>/<id>.xlf|.po (default: translations)'),
    organization: z
      .strictObject({
        name: z.string().optional().describe('shown on the cover of every format'),
        logo: z.string().optional().describe('PNG, JPEG or SVG file, shown on the cover of every format'),
      })
      .optional(),
    marking: z
      .strictObject({ text: z.string().describe('centred at the top and bottom of every page (PDF, DOCX); a banner top and bottom in HTML') })
      .optional(),
    theme: z
      .strictObject({
        page: z.enum(['A4', 'Letter']).optional(),
        colors: z
          .strictObject({
            accent: z
              .string()
              .regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as "#1f3864"')
              .optional(),
          })
          .optional(),
        fonts: z.strictObject({ text: z.string().optional(), heading: z.string().optional() }).optional(),
      })
      .optional(),
    parts: z
      .strictObject({
        cover: z.boolean().optional(),
        contents: z.boolean().optional(),
        background: z.boolean().optional(),
        annexes: z
          .strictObject({
            commitments: z.union([z.boolean(), CommitmentLimits]).optional(),
            glossary: z.boolean().optional(),
            instruments: z.boolean().optional(),
          })
          .optional(),
      })
      .optional(),
    labels: Labels.optional().describe('per language, overrides of any label: { en: { contents: "Table of contents" } }'),
    docx: z.strictObject({ referenceDoc: z.string().optional().describe('a .docx whose styles and page setup the Word file takes') }).optional(),
    html: z
      .strictObject({
        css: z.array(z.string()).optional().describe('stylesheets appended after the built-in one'),
        templates: z.string().optional().describe('folder of Handlebars templates overriding the built-in ones by file name'),
      })
      .optional(),
    rules: z.record(z.string(), Severity).optional().describe('severity per diagnostic rule: off, error, warning or info'),
    terms: z.string().optional().describe('a term list (TBX or CSV) of official translations; extract pre-fills them'),
    packs: z.array(PackConfig).optional().describe('books: a brief, several documents and annexes across them in one PDF, DOCX and HTML (out/packs/<id>/)'),
  })
  .describe('briefpack project file');

export type ProjectConfig = z.infer<typeof ProjectConfig>;

/** The JSON Schema of the project file (schema/config.schema.json). */
export function configJsonSchema(): string {
  const schema = z.toJSONSchema(ProjectConfig, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  return (
    JSON.stringify(
      { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'https://briefpack.dev/schema/config.schema.json', title: 'briefpack.yaml', ...schema },
      null,
      2,
    ) + '\n'
  );
}

export interface LoadedConfig {
  /** The file, as given or found; its messages hold every problem. */
  file: VFile;
  path: string;
  /** Folder the file's paths are relative to. */
  root: string;
  config: ProjectConfig;
  /** The books of `packs:`, paths as seen from the working folder (none when the file is unusable). */
  packs: PackSpec[];
}

/** Read and validate a project file. Problems are messages on `file`; `config` is `{}` when the file is unusable. */
export function loadConfig(path: string): LoadedConfig {
  const file = new VFile({ path: relativeToCwd(path) });
  const root = dirname(resolve(path));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    report(file, 'config-file', `Cannot read the project file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return { file, path, root, config: {}, packs: [] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const at = lines.linePos(error.pos[0]);
    report(file, 'config-yaml', `The project file is not valid YAML: ${error.message.split('\n')[0]}`, { line: at.line, column: at.col });
  }
  if (doc.errors.length) return { file, path, root, config: {}, packs: [] };
  const data = doc.toJS() ?? {};
  const parsed = ProjectConfig.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) reportIssue(file, doc, lines, issue);
    file.messages.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    return { file, path, root, config: {}, packs: [] };
  }
  const config = parsed.data;
  checkFiles(file, doc, lines, root, config);
  const packs = checkPacks(file, doc, lines, root, config);
  return { file, path, root, config, packs };
}

function relativeToCwd(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : resolve(path);
}

/** The place of the node at `path` (or of its key, for a key problem) in the YAML document. */
function placeOf(doc: Document, lines: LineCounter, path: ReadonlyArray<PropertyKey>, key?: string): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  for (const step of path) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    const next = typeof step === 'number' && !isMap(node) ? items[step] : items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === step);
    node = isPair(next) ? next.value : next;
  }
  if (key != null && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (pair && isScalar(pair.key) && pair.key.range) node = pair.key;
  }
  const range = (node as YamlNode | undefined)?.range;
  if (!range) return undefined;
  const at = lines.linePos(range[0]);
  return { line: at.line, column: at.col };
}

function reportIssue(file: VFile, doc: Document, lines: LineCounter, issue: z.core.$ZodIssue): void {
  const where = issue.path.length ? `\`${issue.path.join('.')}\`` : 'the file';
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      const known = keysAt(issue.path);
      const near = nearest(key, known);
      const hint = near ? `; did you mean \`${near}\`?` : known.length ? `; known keys: ${known.join(', ')}` : '';
      const at = issue.path.length ? `in \`${issue.path.join('.')}\`` : 'at the top level';
      report(file, 'config-unknown-key', `Unknown key \`${key}\` ${at}${hint}`, placeOf(doc, lines, issue.path, key));
    }
    return;
  }
  // A missing key has no place of its own: the object that lacks it has.
  report(file, 'config-type', `${where}: ${issue.message}`, placeOf(doc, lines, issue.path) ?? placeOf(doc, lines, issue.path.slice(0, -1)));
}

/** The keys the schema allows in the object at `path`. */
export function keysAt(path: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.ZodType = ProjectConfig;
  for (const step of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(step)] ?? z.never();
    else if (schema instanceof z.ZodRecord) schema = schema.valueType as z.ZodType;
    else if (schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodUnion) s = (s.options as z.ZodType[]).find((o) => unwrap(o) instanceof z.ZodObject) ?? (s.options as z.ZodType[])[0];
    else return s;
  }
}

/** Files the project names must exist and be what they claim (a logo must be an image). */
function checkFiles(file: VFile, doc: Document, lines: LineCounter, root: string, config: ProjectConfig): void {
  const at = (path: PropertyKey[]) => placeOf(doc, lines, path);
  const exists = (value: string | undefined, path: PropertyKey[], what: string, folder = false): string | null => {
    if (value == null) return null;
    const full = resolve(root, value);
    try {
      const s = statSync(full);
      if (folder ? !s.isDirectory() : !s.isFile()) throw Object.assign(new Error(), { code: folder ? 'ENOTDIR' : 'EISDIR' });
      return full;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      report(file, 'config-file', `${what} ${value} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`}`, at(path));
      return null;
    }
  };
  const logo = exists(config.organization?.logo, ['organization', 'logo'], 'The logo');
  if (logo) {
    const image = readImage(logo, config.organization!.logo);
    if (!image.ok) report(file, 'config-file', `The logo ${config.organization!.logo} is not a PNG, JPEG or SVG image`, at(['organization', 'logo']));
  }
  const reference = exists(config.docx?.referenceDoc, ['docx', 'referenceDoc'], 'The reference document');
  if (reference && !isZip(reference))
    report(file, 'config-file', `The reference document ${config.docx!.referenceDoc} is not a .docx file`, at(['docx', 'referenceDoc']));
  config.html?.css?.forEach((css, i) => exists(css, ['html', 'css', i], 'The stylesheet'));
  exists(config.html?.templates, ['html', 'templates'], 'The templates folder', true);
  exists(config.terms, ['terms'], 'The term list');
  // The PDF embeds only the faces briefpack ships; the web page and the Word file name any font.
  for (const key of ['text', 'heading'] as const) {
    const name = config.theme?.fonts?.[key];
    if (name == null || faceNamed(name)) continue;
    const faces = Object.keys(FACES).map((f) => f.replace(/([a-z])([A-Z])/g, '$1 $2'));
    report(
      file,
      'config-font',
      `The PDF has no font \`${name}\` (its fonts: ${faces.join(', ')}) and keeps its own ${key} font; the web page and the Word file ask for \`${name}\``,
      at(['theme', 'fonts', key]),
    );
  }
  for (const [rule] of Object.entries(config.rules ?? {})) {
    if (!(rule in RULES)) {
      const near = nearest(rule, Object.keys(RULES));
      report(
        file,
        'config-unknown-key',
        `Unknown rule \`${rule}\` in \`rules\`${near ? `; did you mean \`${near}\`?` : ''}`,
        placeOf(doc, lines, ['rules'], rule),
      );
    }
  }
}

/**
 * The books of `packs:`: a pack id once in the file; its brief and every
 * document there; a document once in a pack (by id: `a/x.md` and `b/x.md`
 * would share their anchors); `compare:` naming documents of the pack and
 * files that are there. Each problem is placed at the value it is about.
 */
function checkPacks(file: VFile, doc: Document, lines: LineCounter, root: string, config: ProjectConfig): PackSpec[] {
  const at = (path: PropertyKey[], key?: string) => placeOf(doc, lines, path, key) ?? null;
  const fromCwd = (p: string) => relative(process.cwd(), resolve(root, p)) || '.';
  const isFile = (p: string): string | null => {
    try {
      return statSync(resolve(root, p)).isFile() ? null : 'is not a file';
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`;
    }
  };
  const ids = new Map<string, number>();
  const out: PackSpec[] = [];
  (config.packs ?? []).forEach((pack, i) => {
    const first = ids.get(pack.id);
    if (first != null)
      report(
        file,
        'config-duplicate',
        `Pack id \`${pack.id}\` is already taken by packs[${first}]; both would write out/packs/${pack.id}/`,
        at(['packs', i, 'id']),
      );
    else ids.set(pack.id, i);
    const briefProblem = isFile(pack.brief);
    if (briefProblem) report(file, 'config-file', `The brief ${pack.brief} of pack \`${pack.id}\` ${briefProblem}`, at(['packs', i, 'brief']));
    const documents = new Map<string, number>();
    pack.documents.forEach((document, j) => {
      const problem = isFile(document);
      if (problem) report(file, 'config-file', `Document ${document} of pack \`${pack.id}\` ${problem}`, at(['packs', i, 'documents', j]));
      const id = basename(document, extname(document));
      const before = documents.get(id);
      if (before != null) {
        report(
          file,
          'config-duplicate',
          `Document id \`${id}\` is already in pack \`${pack.id}\` (documents[${before}]: ${pack.documents[before]}); a document's id prefixes its anchors, so each must be one of a kind`,
          at(['packs', i, 'documents', j]),
        );
      } else if (id === BRIEF_ID) {
        report(file, 'config-duplicate', `Document id \`${id}\` is the brief's: rename ${document}`, at(['packs', i, 'documents', j]));
      } else documents.set(id, j);
    });
    const listed = new Set(pack.documents.map((d) => resolve(root, d)));
    for (const [document, earlier] of Object.entries(pack.compare ?? {})) {
      if (!listed.has(resolve(root, document)))
        report(file, 'config-type', `\`packs.${i}.compare\`: ${document} is not a document of pack \`${pack.id}\``, at(['packs', i, 'compare'], document));
      const problem = isFile(earlier);
      if (problem) report(file, 'config-file', `The earlier text ${earlier} ${problem}`, at(['packs', i, 'compare', document]));
    }
    out.push({
      id: pack.id,
      title: pack.title,
      subtitle: pack.subtitle ?? null,
      date: pack.date ?? null,
      brief: fromCwd(pack.brief),
      documents: pack.documents.map(fromCwd),
      compare: Object.fromEntries(Object.entries(pack.compare ?? {}).map(([k, v]) => [fromCwd(k), fromCwd(v)])),
      config: {
        path: file.path,
        pack: at(['packs', i]),
        brief: at(['packs', i, 'brief']),
        documents: pack.documents.map((_, j) => at(['packs', i, 'documents', j])),
      },
    });
  });
  return out;
}

function isZip(path: string): boolean {
  try {
    const bytes = readFileSync(path);
    return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  } catch {
    return false;
  }
}

/** A rule's severity from the project or front matter. */
export type RuleSeverities = Partial<Record<RuleId, z.infer<typeof Severity>>>;
