/**
 * Run phase: model inline nodes -> XLIFF 2 inline markup. Formatting and
 * links become `<pc>`, atoms (code, images, footnote references, line
 * breaks, raw HTML) `<ph>`; each code points at `<originalData>` holding its
 * Markdown syntax. Acronyms and instrument titles in the source are wrapped
 * in `<mrk translate="no">`.
 */
import type { Inline } from '../../model/schema.js';
import { inlineMarkdown } from '../inline-markdown.js';
import { codeEquiv, codeSignature, isContainer, type CodeNode, type TermMatcher } from '../units.js';
import { escapeXml, splitIllegal } from '../xml.js';

/** Per-unit state: code ids, original data, marker numbering. */
export class UnitInlineWriter {
  private readonly data = new Map<string, string>();
  /** Attributes of each code (without id), reused verbatim in targets as XLIFF requires. */
  private readonly attrs = new Map<string, string>();
  private readonly signatures: Array<{ id: string; signature: string }> = [];
  private markers = 0;

  constructor(
    private readonly idOf: Map<Inline, string>,
    private readonly terms: TermMatcher,
  ) {
    // Register every code up front: a target may use a code its own segment's source lacks.
    for (const [node, id] of idOf) this.codeAttrs(id, node as CodeNode);
  }

  /** `<data>` elements, in id order. */
  originalData(): Array<{ id: string; value: string }> {
    return [...this.data].map(([value, id]) => ({ id, value }));
  }

  private dataRef(value: string): string {
    let id = this.data.get(value);
    if (!id) {
      id = `d${this.data.size + 1}`;
      this.data.set(value, id);
    }
    return id;
  }

  /** Source content: every code gets its id from the unit's code table. */
  source(nodes: readonly Inline[]): string {
    let out = '';
    for (const node of nodes) {
      if (node.type === 'text') {
        out += this.text(node.value, true);
        continue;
      }
      const id = this.idOf.get(node);
      if (id == null) throw new Error(`briefpack: inline ${node.type} node has no code id in this unit`);
      const attrs = this.codeAttrs(id, node);
      out += isContainer(node) ? `<pc id="${id}"${attrs}>${this.source(node.children)}</pc>` : `<ph id="${id}"${attrs}/>`;
    }
    return out;
  }

  /**
   * Target content (a translation): codes are matched to source codes by
   * type and target (link URL, code text…), in order. A code with no match
   * keeps its text (containers) or its text equivalent (atoms).
   */
  target(nodes: readonly Inline[], used = new Set<string>()): string {
    const walk = (list: readonly Inline[]): string => {
      let out = '';
      for (const node of list) {
        if (node.type === 'text') {
          out += this.text(node.value, false);
          continue;
        }
        const signature = codeSignature(node);
        const match = this.signatures.find((s) => s.signature === signature && !used.has(s.id));
        if (match) used.add(match.id);
        if (isContainer(node)) out += match ? `<pc id="${match.id}"${this.attrs.get(match.id)}>${walk(node.children)}</pc>` : walk(node.children);
        else out += match ? `<ph id="${match.id}"${this.attrs.get(match.id)}/>` : this.text(codeEquiv(node), false);
      }
      return out;
    };
    return walk(nodes);
  }

  private codeAttrs(id: string, node: CodeNode): string {
    const cached = this.attrs.get(id);
    if (cached != null) return cached;
    let attrs: string;
    if (isContainer(node)) {
      const [start, end] = delimiters(node);
      const subType = node.type === 'emphasis' ? 'xlf:i' : node.type === 'strong' ? 'xlf:b' : node.type === 'delete' ? 'briefpack:delete' : null;
      const type = node.type === 'link' ? 'link' : 'fmt';
      attrs = ` type="${type}"${subType ? ` subType="${subType}"` : ''} dataRefStart="${this.dataRef(start)}" dataRefEnd="${this.dataRef(end)}"`;
      if (node.type === 'link') attrs += ` dispEnd="${escapeXml(node.url, 'attribute')}"`;
    } else {
      const markdown = inlineMarkdown([node]);
      const data = ` dataRef="${this.dataRef(node.type === 'break' ? '\\\n' : markdown)}"`;
      const equiv = codeEquiv(node);
      switch (node.type) {
        case 'inlineCode':
          attrs = ` type="other" subType="briefpack:code"${data} equiv="${escapeXml(equiv, 'attribute')}" disp="${escapeXml(markdown, 'attribute')}"`;
          break;
        case 'image':
          attrs = ` type="image"${data} equiv="${escapeXml(equiv, 'attribute')}" disp="${escapeXml(markdown, 'attribute')}"`;
          break;
        case 'footnoteReference':
          attrs = ` type="other" subType="briefpack:footnote" canDelete="no"${data} disp="${escapeXml(`[^${node.label}]`, 'attribute')}"`;
          break;
        case 'break':
          attrs = ` type="fmt" subType="xlf:lb"${data} disp="↵"`;
          break;
        case 'html':
          attrs = ` type="other" subType="briefpack:html"${data} equiv="${escapeXml(equiv, 'attribute')}" disp="${escapeXml(node.value, 'attribute')}"`;
          break;
      }
    }
    this.attrs.set(id, attrs);
    this.signatures.push({ id, signature: codeSignature(node) });
    return attrs;
  }

  /** Escaped text; in the source, do-not-translate terms are marked. */
  private text(value: string, mark: boolean): string {
    if (!mark) return escapeChars(value);
    let out = '';
    let last = 0;
    for (const m of this.terms.find(value)) {
      out += escapeChars(value.slice(last, m.start));
      out += `<mrk id="m${++this.markers}" translate="no">${escapeChars(value.slice(m.start, m.end))}</mrk>`;
      last = m.end;
    }
    return out + escapeChars(value.slice(last));
  }
}

/** Text with characters XML cannot hold written as `<cp hex>`. */
export function escapeChars(value: string): string {
  return splitIllegal(value)
    .map((p) => ('text' in p ? escapeXml(p.text, 'text') : `<cp hex="${p.code.toString(16).toUpperCase().padStart(4, '0')}"/>`))
    .join('');
}

const HOLE = '\uE000';

/** The Markdown before and after a container's content, from the canonical serializer. */
function delimiters(node: Extract<Inline, { children: Inline[] }>): [string, string] {
  const markdown = inlineMarkdown([{ ...node, children: [{ type: 'text', value: HOLE }] } as Inline]);
  const at = markdown.indexOf(HOLE);
  return at < 0 ? [markdown, ''] : [markdown.slice(0, at), markdown.slice(at + HOLE.length)];
}
