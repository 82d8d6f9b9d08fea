import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
import { parseMarkdown } from '../src/parse/parse-markdown.js';
import { toDeclaration } from '../src/model/to-declaration.js';
import { analyze } from '../src/analyze/index.js';
const path = 'test/corpus/g7-2023-hiroshima-leaders-communique.md';
const text = readFileSync(path, 'utf8');
analyze(toDeclaration(parseMarkdown(text), new VFile({ path }), text, 'bench', '0'));
console.log([...(globalThis as any).why.entries()].sort((a: any, b: any) => b[1] - a[1]).slice(0, 15));
