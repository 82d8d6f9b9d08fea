/**
 * The unit suite is self-contained: no file under test/ may read anything
 * beside the repository (the folder of real texts next to a developer's
 * checkout is an optional extra for `npm run test:corpus`, never for tests).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

/** The folder name outside the repository, spelt so that this file does not match itself. */
const OUTSIDE = ['..', 'sha' + 'red'].join('/');

/** A reference to that folder, however a path is written: `../x`, `'..', 'x'` or a string `'x'` alone. */
export function refersOutside(text: string): boolean {
  const name = OUTSIDE.split('/')[1];
  return text.includes(OUTSIDE) || new RegExp(`['"\`]\\.\\.['"\`]\\s*,\\s*['"\`]${name}['"\`]`).test(text) || new RegExp(`['"\`]${name}['"\`]`).test(text);
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else if (/\.(ts|js|cjs|mjs|json)$/.test(name)) out.push(path);
  }
  return out;
}

describe('the unit suite reads only files inside the repository', () => {
  it('finds a reference written in any of the usual ways', () => {
    expect(refersOutside(`join(ROOT, '${OUTSIDE}/corpus')`)).toBe(true);
    expect(refersOutside(`join(ROOT, '..', '${OUTSIDE.split('/')[1]}', 'seed')`)).toBe(true);
    expect(refersOutside(`const dir = "${OUTSIDE.split('/')[1]}";`)).toBe(true);
    expect(refersOutside(`// fonts shared between documents`)).toBe(false);
    expect(refersOutside(`join(ROOT, 'test', 'corpus')`)).toBe(false);
  });

  it('no test file, helper or fixture refers to the folder beside the repository', () => {
    const offenders = filesUnder(join(ROOT, 'test'))
      .filter((path) => refersOutside(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(offenders).toEqual([]);
  });
});
