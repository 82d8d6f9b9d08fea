/**
 * The link policy of books (packs of several documents): a link in the
 * brief (or in any document of the book) to another document of the book.
 * `[¶7](apec-2025-digital-ai-ministerial#p7)` names the document by its id
 * (its file name without `.md`, with or without a path and the `.md`, so a
 * link to the source file also reads well on GitHub) and the anchor the
 * document has on its own. In the book, every anchor of a document is its
 * id, `--`, and that anchor: one scheme for anchors, references and links.
 *
 * The pipeline reports a link that names no document of the book, or no
 * place in it (`pack-link-broken`); the book view applies the same decision
 * (an internal link, or the link's words only).
 */
import { anchorIds, PART_IDS } from './ids.js';
import type { Declaration } from './schema.js';
import { linkTarget } from './urls.js';

/** Between a document's id and its own anchor: `apec-2025--p7`. Model and part ids never hold it. */
const BOOK_SEPARATOR = '--';

/** The prefix of the brief's anchors (`brief--p2`): no document of a book may have this id. */
export const BRIEF_ID = 'brief';

/** The anchor a document's own anchor has in the book. */
export function bookAnchor(documentId: string, anchor: string): string {
  return `${documentId}${BOOK_SEPARATOR}${anchor}`;
}

/** The anchor of a document's cover block: what a link to the whole document reaches. */
export function documentAnchor(documentId: string): string {
  return bookAnchor(documentId, PART_IDS.cover);
}

/**
 * A link that names a document: a relative link whose last path segment is
 * a name with no extension or `.md`, with an optional fragment. Other
 * relative links (`annex.pdf`, `../`) and external links are no document links.
 */
function documentLink(url: string): { document: string; fragment: string | null } | null {
  const target = linkTarget(url);
  if (target.kind !== 'relative') return null;
  const m = /^(?:[^#?]*\/)?([^/#?.][^/#?]*?)(?:\.md)?(?:#(.*))?$/i.exec(target.href);
  if (!m || /\.[^.]+$/.test(m[1])) return null;
  let fragment = m[2] ?? null;
  if (fragment != null) {
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      /* kept as written */
    }
  }
  return { document: m[1], fragment: fragment || null };
}

/** The anchors a document has in a book (no contents or annexes of its own: the book has them). */
export function documentAnchors(model: Pick<Declaration, 'background' | 'sections' | 'footnotes'>): Set<string> {
  const ids = anchorIds(model);
  for (const id of [PART_IDS.contents, PART_IDS.annexes, PART_IDS.commitments, PART_IDS.glossary, PART_IDS.instruments]) ids.delete(id);
  if (!model.background.length) ids.delete(PART_IDS.background);
  if (!model.footnotes.length) ids.delete(PART_IDS.notes);
  return ids;
}

export type ResolvedLink = { kind: 'document'; target: string } | { kind: 'broken'; reason: string } | { kind: 'other' };

/**
 * Where a link of the book leads: the book anchor of a document's place, a
 * broken document link (with the reason), or a link of another kind.
 * `documents` maps each document id of the book to its own anchors.
 */
export function resolveBookLink(url: string, documents: ReadonlyMap<string, ReadonlySet<string>>): ResolvedLink {
  const link = documentLink(url);
  if (!link) return { kind: 'other' };
  const anchors = documents.get(link.document);
  if (!anchors) return { kind: 'broken', reason: `names no document of the pack (${[...documents.keys()].join(', ')})` };
  if (link.fragment == null) return { kind: 'document', target: documentAnchor(link.document) };
  if (!anchors.has(link.fragment)) return { kind: 'broken', reason: `points at no paragraph, section or note of ${link.document}` };
  return { kind: 'document', target: bookAnchor(link.document, link.fragment) };
}
