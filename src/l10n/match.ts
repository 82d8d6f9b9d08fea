/**
 * Run phase: current source units + a translation file -> one state per
 * unit (translated, stale or missing) and the translated inline content.
 * `translateModel` and `extractTemplates` both decide staleness here, so a
 * unit the build warns about is the unit extraction marks fuzzy.
 */
import type { Inline } from '../model/schema.js';
import type { XmlNode } from './xml.js';
import { XLIFF_NS, cpChar } from './read-xliff.js';
import type { RawTarget, TranslationDocument, TranslationEntry, TranslationProblem, XliffPart } from './translation-file.js';
import { codesOf, hashContent, isContainer, normalizeHash, type CodeNode, type TranslationUnit } from './units.js';
import { parseInlineMarkdown } from './inline-markdown.js';

export type UnitState = 'translated' | 'stale' | 'missing';

export interface UnitMatch {
  unit: TranslationUnit;
  state: UnitState;
  /** Why a unit is stale: its source changed, or the file marks it as needing review (fuzzy). */
  staleReason?: 'changed' | 'fuzzy';
  /** The translation (the current one, or for a stale unit the old one), when there is one. */
  content: Inline[] | null;
  /** Per-segment translations, when the file is XLIFF (in source segment order). */
  segments: Inline[][] | null;
  entry: TranslationEntry | null;
}

/** Match every unit against the entries of a translation document (null: no translation). */
export function matchUnits(units: readonly TranslationUnit[], doc: TranslationDocument | null, problems: TranslationProblem[]): UnitMatch[] {
  return units.map((unit) => {
    const entry = doc?.entries.get(unit.id) ?? null;
    if (!entry) return { unit, state: 'missing', content: null, segments: null, entry };
    const storedHash = entry.hash != null ? normalizeHash(entry.hash) : sourceHashOf(entry, unit);
    const current = storedHash === unit.hash && !entry.fuzzy;
    if (!entry.target) return { unit, state: 'missing', content: null, segments: null, entry };
    const issues: string[] = [];
    const resolved = resolveTarget(entry.target, unit, issues);
    if (current && issues.length) {
      problems.push({
        ruleId: 'translation-malformed',
        reason: `The translation of ${unit.id} cannot be used: ${issues.join('; ')}`,
        line: entry.line,
        column: entry.column,
        severity: 'warning',
      });
      return { unit, state: 'missing', content: null, segments: null, entry };
    }
    if (!resolved || !resolved.content.some((n) => n.type !== 'text' || n.value.trim()))
      return { unit, state: 'missing', content: null, segments: null, entry };
    if (!current)
      return {
        unit,
        state: 'stale',
        staleReason: storedHash === unit.hash ? 'fuzzy' : 'changed',
        content: resolved.content,
        segments: resolved.segments,
        entry,
      };
    return { unit, state: 'translated', content: resolved.content, segments: resolved.segments, entry };
  });
}

/** The hash of the source the file records when it records no hash: PO msgid, or XLIFF source read against the current codes. */
function sourceHashOf(entry: TranslationEntry, unit: TranslationUnit): string {
  if (entry.target?.kind === 'xliff') {
    const issues: string[] = [];
    const { byId } = codesOf(unit.content);
    const content = entry.target.parts.flatMap((p) => toInlines(p.source, byId, issues));
    return issues.length ? 'sha256:unverifiable' : hashContent(content);
  }
  return hashContent(parseInlineMarkdown(entry.source));
}

/** Turn a raw target into model inline nodes; codes are taken from the current source by id (XLIFF) or re-parsed (Markdown). */
export function resolveTarget(target: RawTarget, unit: TranslationUnit, issues: string[]): { content: Inline[]; segments: Inline[][] | null } | null {
  if (target.kind === 'markdown') return { content: parseInlineMarkdown(target.text), segments: null };
  const { byId } = codesOf(unit.content);
  return resolveXliffParts(target.parts, byId, issues);
}

function resolveXliffParts(parts: XliffPart[], byId: Map<string, CodeNode>, issues: string[]): { content: Inline[]; segments: Inline[][] } | null {
  const slots: Array<Inline[] | null> = parts.map(() => null);
  const segments: Inline[][] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    const nodes = part.target ? toInlines(part.target, byId, issues) : part.kind === 'ignorable' ? toInlines(part.source, byId, issues) : null;
    if (!nodes) return null;
    if (part.kind === 'segment') segments.push(nodes);
    const position = (part.target && part.order) || i + 1;
    if (position > parts.length || slots[position - 1]) {
      issues.push(`target order="${part.order}" on line ${part.line} is out of range or taken`);
      return null;
    }
    slots[position - 1] = nodes;
  }
  return { content: mergeTexts(slots.flatMap((s) => s ?? [])), segments: segments.map(mergeTexts) };
}

/** XLIFF inline content -> model inline nodes. `<mrk>` is transparent; `<pc>`/`<ph>`/`<sc>`+`<ec>` take their node from the source code of the same id. */
function toInlines(nodes: XmlNode[], byId: Map<string, CodeNode>, issues: string[]): Inline[] {
  type Frame = { id: string | null; node: CodeNode | null; out: Inline[] };
  const stack: Frame[] = [{ id: null, node: null, out: [] }];
  const top = () => stack[stack.length - 1];
  const code = (id: string | undefined, el: { line: number; local: string }): CodeNode | null => {
    const found = id != null ? byId.get(id) : undefined;
    if (!found) issues.push(`<${el.local} id="${id ?? ''}"> on line ${el.line} matches no code of the source`);
    return found ?? null;
  };
  const walk = (list: XmlNode[]) => {
    for (const n of list) {
      if (n.type === 'text') {
        top().out.push({ type: 'text', value: n.value });
        continue;
      }
      if (n.ns !== XLIFF_NS) {
        issues.push(`<${n.name}> on line ${n.line} is not XLIFF inline content`);
        continue;
      }
      switch (n.local) {
        case 'cp':
          try {
            top().out.push({ type: 'text', value: cpChar(n) });
          } catch (error) {
            issues.push((error as Error).message);
          }
          break;
        case 'mrk':
          walk(n.children);
          break;
        case 'sm':
        case 'em':
          break;
        case 'pc': {
          const source = code(n.attrs.get('id'), n);
          const inner = toInlines(n.children, byId, issues);
          if (source && isContainer(source)) top().out.push({ ...cloneShallow(source), children: inner } as Inline);
          else {
            if (source) top().out.push(structuredClone(source));
            top().out.push(...inner);
          }
          break;
        }
        case 'ph': {
          const source = code(n.attrs.get('id'), n);
          if (source) top().out.push(structuredClone(source));
          break;
        }
        case 'sc': {
          if (n.attrs.get('isolated') === 'yes') break;
          const id = n.attrs.get('id') ?? null;
          stack.push({ id, node: code(id ?? undefined, n), out: [] });
          break;
        }
        case 'ec': {
          if (n.attrs.get('isolated') === 'yes') break;
          const ref = n.attrs.get('startRef');
          const frame = top();
          if (stack.length === 1 || frame.id !== ref) {
            issues.push(`<ec startRef="${ref ?? ''}"> on line ${n.line} does not close the innermost <sc>`);
            break;
          }
          stack.pop();
          if (frame.node && isContainer(frame.node)) top().out.push({ ...cloneShallow(frame.node), children: mergeTexts(frame.out) } as Inline);
          else top().out.push(...frame.out);
          break;
        }
        default:
          issues.push(`<${n.local}> on line ${n.line} is not allowed in a target`);
      }
    }
  };
  walk(nodes);
  while (stack.length > 1) {
    const frame = stack.pop()!;
    issues.push(`<sc id="${frame.id ?? ''}"> is never closed by an <ec>`);
    top().out.push(...frame.out);
  }
  return mergeTexts(stack[0].out);
}

function cloneShallow(node: CodeNode): Omit<CodeNode, 'children'> {
  const { children: _children, ...rest } = node as CodeNode & { children?: Inline[] };
  return structuredClone(rest);
}

function mergeTexts(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const node of list) {
    const last = out[out.length - 1];
    if (node.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', value: last.value + node.value };
    else if (node.type !== 'text' || node.value !== '') out.push(node);
  }
  return out;
}
