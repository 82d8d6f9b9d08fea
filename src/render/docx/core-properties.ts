/**
 * Run phase (docx): the package properties (docProps/core.xml, app.xml).
 *
 * docx stamps core.xml with the clock and has no language; briefpack writes
 * both parts itself, with every date taken from the build epoch.
 */
import type { BriefingView } from '../../view/types.js';

export interface CoreProperties {
  title: string;
  subject: string | null;
  creator: string | null;
  keywords: string;
  language: string;
  /** Seconds since the Unix epoch. */
  epoch: number;
}

/** The view's document properties, as core.xml holds them. */
export function corePropertiesOf(view: BriefingView): CoreProperties {
  const { info } = view;
  return { title: info.title, subject: info.subject, creator: info.author, keywords: info.keywords.join('; '), language: view.lang, epoch: info.created };
}

/** W3CDTF in UTC, whole seconds: the same string in every time zone. */
export function w3cdtf(epoch: number): string {
  return new Date(Math.floor(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function coreXml(p: CoreProperties): string {
  const el = (name: string, value: string | null) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  const date = w3cdtf(p.epoch);
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    el('dc:title', p.title) +
    el('dc:subject', p.subject) +
    el('dc:creator', p.creator) +
    el('cp:keywords', p.keywords) +
    el('dc:language', p.language) +
    el('cp:lastModifiedBy', p.creator) +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** app.xml: the application that made the file (the view's generator, "briefpack 0.1.0"). */
export function appXml(generator: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>${escapeXml(generator)}</Application>` +
    '</Properties>'
  );
}

export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot hold at all are dropped.
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
