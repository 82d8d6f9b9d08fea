/**
 * Right-to-left text in the PDF definition (src/render/pdf/bidi.ts): runs
 * split where the embedding level changes, levels and the paragraph's level
 * on every piece, mirroring of right-to-left nodes (alignment, margins,
 * columns and tables), notes kept once, and left-to-right definitions
 * without right-to-left text left exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import { applyBidi } from '../../src/render/pdf/bidi.js';
import type { DocDefinition, Node, Run } from '../../src/render/pdf/types.js';

function definition(language: string, content: Node[]): DocDefinition {
  return {
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    version: '1.4',
    subset: 'PDF/A-1b',
    language,
    info: { title: 't', creator: 'c', producer: 'p', creationDate: new Date(0), modDate: new Date(0) },
    defaultStyle: {},
    styles: {},
    header: () => null,
    footer: () => null,
    content,
    images: {},
  };
}

const texts = (node: Node) => (node.text as Run[]).map((r) => [r.text, r.bidiLevel, r.bidiBase]);

describe('applyBidi', () => {
  it('splits the runs of an Arabic paragraph where the level changes: Latin and numbers at level 2, Arabic and the spaces between at 1', () => {
    const node: Node = { text: [{ text: 'اجتماع APEC لعام 2025 (AI) ' }, { text: 'الوزاري', bold: true }] };
    applyBidi(definition('ar', [node]));
    expect(texts(node)).toEqual([
      ['اجتماع ', 1, 1],
      ['APEC', 2, 1],
      [' لعام ', 1, 1],
      ['2025', 2, 1],
      [' (', 1, 1],
      ['AI', 2, 1],
      [') ', 1, 1],
      ['الوزاري', 1, 1],
    ]);
    expect((node.text as Run[])[7].bold).toBe(true);
    expect(node.alignment).toBe('right');
  });

  it('mirrors right-to-left nodes: alignment, margins, columns and tables; a block in a left-to-right language stays as it is', () => {
    const label: Node = { text: '1.' };
    const body: Node = { text: 'نص', alignment: 'justify' };
    const columns: Node = {
      columns: [
        { width: 20, stack: [label] },
        { width: '*', stack: [body] },
      ],
      margin: [10, 2, 0, 4],
    };
    const page: Node = { text: '3', alignment: 'right' };
    const table: Node = { table: { widths: ['*', 'auto'], body: [[{ text: 'عنوان' }, page]] } };
    const english: Node = { text: 'Left to right', lang: 'en', margin: [10, 0, 0, 0] };
    applyBidi(definition('ar', [columns, table, english]));
    expect(columns.direction).toBe('rtl');
    expect(columns.margin).toEqual([0, 2, 10, 4]);
    expect(label.alignment).toBe('right');
    expect(body.alignment).toBe('justify');
    expect(table.direction).toBe('rtl');
    expect(page.alignment).toBe('left');
    expect(english).toEqual({ text: 'Left to right', lang: 'en', margin: [10, 0, 0, 0] });
  });

  it('resolves an Arabic phrase inside an English paragraph at level 1 in a level 0 paragraph, and leaves alignment alone', () => {
    const node: Node = { text: [{ text: 'The words تحول رقمي mean digital transition.' }] };
    applyBidi(definition('en', [node]));
    expect(texts(node)).toEqual([
      ['The words ', 0, 0],
      ['تحول رقمي', 1, 0],
      [' mean digital transition.', 0, 0],
    ]);
    expect(node.alignment).toBeUndefined();
  });

  it('keeps a note on the first piece of its run only, and resolves the note itself', () => {
    const note: Node = { text: 'ملاحظة', tag: 'Note' };
    const node: Node = { text: [{ text: 'AI نص', footnote: note }] };
    applyBidi(definition('ar', [node]));
    const runs = node.text as Run[];
    expect(runs.map((r) => r.text)).toEqual(['AI', ' نص']);
    expect(runs[0].footnote).toBe(note);
    expect('footnote' in runs[1]).toBe(false);
    expect(note.alignment).toBe('right');
    expect((note.text as Run[])[0].bidiLevel).toBe(1);
  });

  it('leaves a left-to-right definition without right-to-left text exactly as it was, header and footer included', () => {
    const content: Node[] = [{ text: [{ text: 'Plain English, 12 (AI).' }], margin: [1, 2, 3, 4] }, { columns: [{ text: 'a' }, { text: 'b' }] }];
    const before = structuredClone(content);
    const def = applyBidi({ ...definition('en', content), header: () => ({ text: 'Header' }) });
    expect(content).toEqual(before);
    expect(def.header(1, 1)).toEqual({ text: 'Header' });
  });

  it('mirrors a node met twice once', () => {
    const shared: Node = { text: 'نص', margin: [10, 0, 0, 0] };
    applyBidi(definition('ar', [{ stack: [shared] }, { stack: [shared] }]));
    expect(shared.margin).toEqual([0, 0, 10, 0]);
    expect((shared.text as Run[]).length).toBe(1);
  });

  it('resolves the running header and footer of a right-to-left document on every page', () => {
    const def = applyBidi({ ...definition('ar', []), footer: () => ({ text: [{ text: 'الصفحة 1 من 2' }], alignment: 'right' }) });
    const footer = def.footer(1, 2) as Node;
    expect(footer.alignment).toBe('left');
    expect(texts(footer)).toEqual([
      ['الصفحة ', 1, 1],
      ['1', 2, 1],
      [' من ', 1, 1],
      ['2', 2, 1],
    ]);
  });
});
