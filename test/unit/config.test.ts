/**
 * The project file (briefpack.yaml): found from the working folder upward,
 * validated with positions and suggestions, turned into pack settings, and
 * `briefpack init`.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { loadConfig, keysAt } from '../../src/project/config.js';
import { findConfig } from '../../src/project/find-config.js';
import { nearest } from '../../src/util/nearest.js';
import { packSettings } from '../../src/project/settings.js';
import { initProject } from '../../src/cli/init-command.js';

/** A valid 2×2 PNG, made here. */
export function tinyPng(): Buffer {
  const crc = (buf: Buffer) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(2, 0);
  header.writeUInt32BE(2, 4);
  header[8] = 8;
  header[9] = 2;
  const raw = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-config-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const messages = (dir: string) => loadConfig(join(dir, 'briefpack.yaml')).file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.reason}`);

describe('finding the project file', () => {
  it('looks from the working folder upward', () => {
    const dir = project({ 'briefpack.yaml': 'out: build\n', 'a/b/.keep': '' });
    expect(findConfig(join(dir, 'a', 'b'))).toBe(join(dir, 'briefpack.yaml'));
    expect(findConfig(mkdtempSync(join(tmpdir(), 'bp-none-')))).toBeNull();
  });
});

describe('validation, with positions', () => {
  it('accepts every key of the issue', () => {
    const dir = project({
      'assets/logo.png': tinyPng(),
      'assets/extra.css': 'body { }',
      'assets/template.docx': Buffer.from('PK\x03\x04rest'),
      'briefpack.yaml': [
        'sources: [source]',
        'out: out',
        'formats: [html, pdf, docx, xliff, po, json]',
        'languages: [ko]',
        'organization:',
        '  name: "Ministry of Foreign Affairs"',
        '  logo: assets/logo.png',
        'marking:',
        '  text: "RESTRICTED"',
        'theme:',
        '  page: Letter',
        '  colors: { accent: "#1f3864" }',
        '  fonts: { text: "Noto Serif", heading: "Noto Serif" }',
        'parts:',
        '  cover: true',
        '  contents: true',
        '  background: true',
        '  annexes:',
        '    commitments: { minStrength: urge, limit: 40 }',
        '    glossary: true',
        '    instruments: false',
        'labels:',
        '  en: { contents: "Table of contents" }',
        'docx:',
        '  referenceDoc: assets/template.docx',
        'html:',
        '  css: [assets/extra.css]',
        'rules:',
        '  acronym-unexpanded: off',
        '',
      ].join('\n'),
    });
    const loaded = loadConfig(join(dir, 'briefpack.yaml'));
    expect(loaded.file.messages.map(String)).toEqual([]);
    const settings = packSettings(loaded);
    expect(settings.theme.page).toBe('Letter');
    expect(settings.marking).toBe('RESTRICTED');
    expect(settings.parts.annexes).toEqual({ commitments: { minStrength: 'urge', limit: 40 }, glossary: true, instruments: false });
    expect(settings.organization.logo).toBe(join(dir, 'assets', 'logo.png'));
    expect(settings.labels).toEqual({ en: { contents: 'Table of contents' } });
    expect(settings.rules).toEqual({ 'acronym-unexpanded': 'off' });
    expect(settings.inputs).toEqual([
      join(dir, 'briefpack.yaml'),
      join(dir, 'assets', 'logo.png'),
      join(dir, 'assets', 'template.docx'),
      join(dir, 'assets', 'extra.css'),
    ]);
  });

  it('places a misspelt key and suggests the right one', () => {
    const dir = project({ 'briefpack.yaml': 'out: out\norganisation:\n  name: x\ntheme:\n  pgae: A4\n' });
    expect(messages(dir)).toEqual([
      '2:1 config-unknown-key Unknown key `organisation` at the top level; did you mean `organization`?',
      '5:3 config-unknown-key Unknown key `pgae` in `theme`; did you mean `page`?',
    ]);
  });

  it('places a value of the wrong type', () => {
    const dir = project({ 'briefpack.yaml': 'theme:\n  page: A5\nparts:\n  cover: yes please\n' });
    const list = messages(dir);
    expect(list[0]).toMatch(/^2:9 config-type `theme.page`: /);
    expect(list[1]).toMatch(/^4:10 config-type `parts.cover`: /);
  });

  it('places a label that does not exist and a label of the wrong type', () => {
    const dir = project({
      'briefpack.yaml': 'labels:\n  en:\n    contnets: "x"\n    contents: { a: b }\n    strengths: { comit: "x", urge: 3 }\n  ko: { contents: "목차" }\n',
    });
    expect(messages(dir)).toEqual([
      '3:5 config-unknown-key Unknown key `contnets` in `labels.en`; did you mean `contents`?',
      expect.stringMatching(/^4:15 config-type `labels\.en\.contents`: /),
      '5:18 config-unknown-key Unknown key `comit` in `labels.en.strengths`; did you mean `commit`?',
      expect.stringMatching(/^5:36 config-type `labels\.en\.strengths\.urge`: /),
    ]);
  });

  it('warns about a theme font the PDF cannot embed, at its place', () => {
    const dir = project({ 'briefpack.yaml': 'theme:\n  fonts: { text: "Noto Serif", heading: "Comic Sans MS" }\n' });
    const loaded = loadConfig(join(dir, 'briefpack.yaml'));
    expect(loaded.file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`)).toEqual(['2:41 config-font false']);
    expect(loaded.file.messages[0].reason).toMatch(
      /^The PDF has no font `Comic Sans MS` \(its fonts: Noto Serif, Noto Sans KR, .*\) and keeps its own heading font/,
    );
    expect(packSettings(loaded).theme.fonts).toEqual({ text: 'Noto Serif', heading: 'Comic Sans MS' });
  });

  it('reports a missing logo and a logo that is not an image', () => {
    expect(messages(project({ 'briefpack.yaml': 'organization:\n  logo: assets/none.png\n' }))).toEqual([
      '2:9 config-file The logo assets/none.png does not exist',
    ]);
    expect(messages(project({ 'briefpack.yaml': 'organization:\n  logo: logo.png\n', 'logo.png': 'text, not a picture' }))).toEqual([
      '2:9 config-file The logo logo.png is not a PNG, JPEG or SVG image',
    ]);
  });

  it('reports bad YAML at its place', () => {
    expect(messages(project({ 'briefpack.yaml': 'out: [unclosed\n' }))[0]).toMatch(/^\d+:\d+ config-yaml /);
  });

  it('suggests near words only', () => {
    expect(nearest('organisation', keysAt([]))).toBe('organization');
    expect(nearest('zzzzzz', keysAt([]))).toBeNull();
    expect(keysAt(['parts', 'annexes'])).toEqual(['commitments', 'glossary', 'instruments']);
    expect(keysAt(['parts', 'annexes', 'commitments'])).toEqual(['minStrength', 'limit']);
  });
});

describe('briefpack init', () => {
  it('writes the three starter files, and keeps files already there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bp-init-'));
    expect(initProject(dir).map((f) => f.written)).toEqual([true, true, true]);
    expect(initProject(dir).map((f) => f.written)).toEqual([false, false, false]);
    const loaded = loadConfig(join(dir, 'briefpack.yaml'));
    expect(loaded.file.messages.map(String)).toEqual([]);
  });
});
