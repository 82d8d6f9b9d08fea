/**
 * The one URL policy of every format. A link target is external (http,
 * https, mailto, tel), internal (`#id`), relative (a path, kept as written),
 * or unsafe (any other scheme: javascript:, data:, file:, vbscript: …), which
 * no format links to. Lint reports unsafe targets once; the view applies the
 * decision; renderers only lay out the result.
 */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

export type LinkTarget =
  { kind: 'external'; href: string } | { kind: 'internal'; id: string } | { kind: 'relative'; href: string } | { kind: 'unsafe'; reason: string };

/**
 * Classify a link destination. Browsers ignore ASCII white space and
 * controls inside a scheme (`java\tscript:`), so they are removed before the
 * scheme is read.
 */
export function linkTarget(url: string): LinkTarget {
  const trimmed = url.trim();
  const squeezed = trimmed.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(squeezed);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    return SAFE_SCHEMES.has(name) ? { kind: 'external', href: trimmed } : { kind: 'unsafe', reason: `a \`${name}:\` address` };
  }
  if (trimmed.startsWith('//')) return { kind: 'external', href: trimmed };
  if (trimmed.startsWith('#')) {
    let id = trimmed.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      /* kept as written */
    }
    return { kind: 'internal', id };
  }
  return { kind: 'relative', href: trimmed };
}

/** A remote (network) address: http(s) or protocol-relative. */
export function isRemote(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}
