/**
 * The closed registry of diagnostic rules. Every content problem briefpack
 * reports has one of these ids; the severity here is the default.
 */
export type Severity = 'error' | 'warning' | 'info';

export const rules = {
  'front-matter-yaml': { severity: 'error', summary: 'front matter is not valid YAML' },
  'front-matter-unclosed': { severity: 'error', summary: 'front matter opened with --- is never closed' },
  'front-matter-duplicate-key': { severity: 'error', summary: 'a front-matter key appears twice' },
  'front-matter-type': { severity: 'error', summary: 'a front-matter value has the wrong type' },
  'front-matter-unknown-key': { severity: 'warning', summary: 'a front-matter key briefpack does not know' },
  'missing-title': { severity: 'warning', summary: 'no title in front matter, no # heading' },
  'empty-document': { severity: 'error', summary: 'the document has no text' },
  'encoding-invalid': { severity: 'error', summary: 'the file is not valid UTF-8' },
  'encoding-nul': { severity: 'error', summary: 'the file holds NUL bytes' },
  'encoding-bom': { severity: 'info', summary: 'a UTF-8 byte order mark was removed' },
  'line-endings-mixed': { severity: 'info', summary: 'the file mixes CRLF and LF line endings' },
  'input-too-large': { severity: 'error', summary: 'the file is over the input size limit' },
  'nesting-too-deep': { severity: 'warning', summary: 'lists or block quotes nested deeper than briefpack renders' },
  'numbering-duplicate': { severity: 'error', summary: 'two paragraphs carry the same number' },
  'numbering-gap': { severity: 'warning', summary: 'paragraph numbers skip or go backwards' },
  'numbering-zero': { severity: 'error', summary: 'a paragraph is numbered 0' },
  'numbering-too-large': { severity: 'error', summary: 'a paragraph number is implausibly large' },
  'acronym-unexpanded': { severity: 'info', summary: 'an acronym is never expanded in the text' },
  'acronym-before-expansion': { severity: 'info', summary: 'an acronym is used before the text expands it' },
  'footnote-undefined': { severity: 'warning', summary: 'a footnote reference has no definition' },
  'footnote-duplicate': { severity: 'warning', summary: 'a footnote label is defined twice' },
  'footnote-unused': { severity: 'info', summary: 'a footnote definition is never referenced' },
  'html-dropped': { severity: 'info', summary: 'raw HTML not on the allow-list was dropped' },
  'unsafe-link': { severity: 'warning', summary: 'a javascript:, data: or other unsafe link was removed' },
  'image-remote': { severity: 'warning', summary: 'a remote image is never fetched; its alt text is shown' },
  'image-outside': { severity: 'error', summary: 'an image path points outside the source folder' },
  'image-missing': { severity: 'warning', summary: 'a local image cannot be read; its alt text is shown' },
  'template-syntax': { severity: 'error', summary: 'a Handlebars template does not compile' },
  'template-missing': { severity: 'error', summary: 'a template folder or file cannot be read' },
  'font-load': { severity: 'error', summary: 'a font file is missing or cannot be read' },
  'output-write': { severity: 'error', summary: 'an output file cannot be written' },
  'translation-malformed': { severity: 'error', summary: 'a translation file cannot be read' },
  'translation-mismatch': { severity: 'error', summary: 'a translation file belongs to another document' },
  'translation-stale': { severity: 'warning', summary: 'a translated unit was made for an older source text' },
  'translation-missing': { severity: 'info', summary: 'units without translation fall back to the source' },
  'translation-coverage': { severity: 'error', summary: 'translation coverage is below --min-translated' },
  'import-not-docx': { severity: 'error', summary: 'the file given to briefpack import is not a Word document (.docx)' },
  'import-generated-skipped': { severity: 'info', summary: 'a part briefpack or Word generates (contents, annexes) was left out of the import' },
  'import-image': { severity: 'warning', summary: 'an image in the Word file is not imported; its alt text is kept' },
  'import-date-unused': { severity: 'info', summary: 'the Word file\'s date is not a date the text gives, so it is not used as `date`' },
  'import-reader': { severity: 'info', summary: 'the Word reader met something it does not convert' },
  'source-unreadable': { severity: 'error', summary: 'the source file cannot be read' },
  'internal-error': { severity: 'error', summary: 'briefpack failed on this document; this is a bug' },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type RuleId = keyof typeof rules;
