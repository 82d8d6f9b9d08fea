/**
 * Which link targets a page may carry. Links are not requests, so http(s)
 * links stay; script-running and data-carrying schemes do not.
 */
const SAFE_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Null when `url` is safe to link to, else a short description of why not
 * (its scheme). Browsers ignore ASCII whitespace and controls inside a
 * scheme (`java\tscript:`), so they are removed before looking.
 */
export function unsafeUrlReason(url: string): string | null {
  const squeezed = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(squeezed);
  if (!scheme) return null;
  const name = scheme[1].toLowerCase();
  return SAFE_SCHEMES.has(name) ? null : `a \`${name}:\` address`;
}

/** A remote (network) address: http(s) or protocol-relative. */
export function isRemote(url: string): boolean {
  return /^(https?:)?\/\//i.test(url.trim());
}
