/**
 * Finishing the pdfkit document pdfmake laid out, for PDF/A-1a (tagged, with
 * PDF/UA-1) or PDF/A-1b (untagged, without the pdfmake patch) (run phase).
 * Two gaps of pdfkit 0.19 that PDFBox Preflight rejects are closed here:
 * - the XMP packet is written with Info values pasted in unescaped, so a title
 *   with "&" or "<" makes the metadata unreadable: we write it escaped;
 * - the outline root gets no /Count unless it is "expanded".
 * Then the stream is ended and its bytes collected.
 */

/** The part of pdfkit's PDFDocument (a readable stream) this module touches. */
export interface PdfKitDocument {
  info: Record<string, unknown> & { CreationDate: Date; ModDate?: Date };
  outline?: { options: Record<string, unknown> };
  appendXML(xml: string, newline?: boolean): void;
  _addInfo?: () => void;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  end(): void;
}

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function xmpDate(date: Date): string {
  return date.toISOString().split('.')[0] + 'Z';
}

/** The XMP Info part pdfkit writes, with every value escaped, plus xmp:ModifyDate to match Info /ModDate. */
export function xmpInfo(info: PdfKitDocument['info']): string {
  const text = (key: string) => (typeof info[key] === 'string' || info[key] instanceof String ? escapeXml(String(info[key])) : null);
  const parts: string[] = [];
  parts.push(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`);
  parts.push(`<xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>`);
  if (info.ModDate instanceof Date) parts.push(`<xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>`);
  if (text('Creator')) parts.push(`<xmp:CreatorTool>${text('Creator')}</xmp:CreatorTool>`);
  parts.push(`</rdf:Description>`);
  const title = text('Title');
  const author = text('Author');
  const subject = text('Subject');
  if (title || author || subject) {
    parts.push(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`);
    if (title) parts.push(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>`);
    if (author) parts.push(`<dc:creator><rdf:Seq><rdf:li>${author}</rdf:li></rdf:Seq></dc:creator>`);
    if (subject) parts.push(`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${subject}</rdf:li></rdf:Alt></dc:description>`);
    parts.push(`</rdf:Description>`);
  }
  parts.push(`<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`);
  if (text('Producer')) parts.push(`<pdf:Producer>${text('Producer')}</pdf:Producer>`);
  if (text('Keywords')) parts.push(`<pdf:Keywords>${text('Keywords')}</pdf:Keywords>`);
  parts.push(`</rdf:Description>`);
  return parts.join('\n');
}

export function finishPdfA(doc: PdfKitDocument): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  return streamPdfA(doc, (chunk) => chunks.push(chunk)).then(() => {
    const buffer = Buffer.concat(chunks);
    // The listener (and so the chunks) lives as long as the document: let the pieces go.
    chunks.length = 0;
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  });
}

/**
 * Finish the document and hand each piece of its bytes to `write` as pdfkit
 * makes it (pages are written as they are laid out, so a long PDF need never
 * be whole in memory). Resolves once the last piece is written.
 */
export function streamPdfA(doc: PdfKitDocument, write: (chunk: Buffer) => void): Promise<void> {
  if (typeof doc._addInfo !== 'function')
    throw new Error('briefpack: pdfkit no longer has PDFDocument._addInfo; review src/render/pdf/pdfa.ts for this pdfkit version');
  doc._addInfo = () => doc.appendXML(xmpInfo(doc.info));
  if (doc.outline) doc.outline.options = { ...doc.outline.options, expanded: true };
  return new Promise((resolve, reject) => {
    doc.on('data', write);
    doc.on('end', () => resolve());
    doc.on('error', reject);
    doc.end();
  });
}
