/**
 * From the project file and the command line to the settings of a build.
 * Precedence: a flag given on the command line, then the project file, then
 * briefpack's defaults. (A source's front matter overrides both for that
 * document: see build-document.ts.)
 */
import { resolve } from 'node:path';
import { ALL_PARTS, type PartOptions } from '../view/build-view.js';
import { DEFAULT_THEME } from '../render/context.js';
import type { LoadedConfig, ProjectConfig } from './config.js';
import type { PackSettings } from './options.js';

export const DEFAULT_SETTINGS: PackSettings = {
  parts: ALL_PARTS,
  labels: {},
  organization: { name: null, logo: null },
  marking: null,
  theme: DEFAULT_THEME,
  css: [],
  referenceDoc: null,
  rules: {},
  inputs: [],
};

function parts(config: ProjectConfig['parts']): PartOptions {
  const annexes = config?.annexes;
  return {
    cover: config?.cover ?? true,
    contents: config?.contents ?? true,
    background: config?.background ?? true,
    annexes: {
      commitments: annexes?.commitments ?? true,
      glossary: annexes?.glossary ?? true,
      instruments: annexes?.instruments ?? true,
    },
  };
}

/** The pack settings of a loaded project file (paths made absolute), with a `--reference-doc` flag applied. */
export function packSettings(loaded: LoadedConfig | null, flags: { referenceDoc?: string | null } = {}): PackSettings {
  const config = loaded?.config ?? {};
  const at = (path: string | undefined) => (path != null && loaded ? resolve(loaded.root, path) : null);
  const logo = at(config.organization?.logo);
  const referenceDoc = flags.referenceDoc ? resolve(flags.referenceDoc) : at(config.docx?.referenceDoc);
  const css = (config.html?.css ?? []).map((c) => at(c)!);
  return {
    parts: parts(config.parts),
    labels: (config.labels ?? {}) as PackSettings['labels'],
    organization: { name: config.organization?.name ?? null, logo },
    marking: config.marking?.text ?? null,
    theme: {
      page: config.theme?.page ?? DEFAULT_THEME.page,
      colors: { accent: config.theme?.colors?.accent ?? DEFAULT_THEME.colors.accent },
      fonts: { text: config.theme?.fonts?.text ?? null, heading: config.theme?.fonts?.heading ?? null },
    },
    css,
    referenceDoc,
    rules: config.rules ?? {},
    inputs: [loaded ? resolve(loaded.path) : null, logo, referenceDoc, ...css].filter((p): p is string => Boolean(p)),
  };
}
