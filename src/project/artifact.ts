/** What the manifest records for each file a build writes. */
export interface Artifact {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  source: { path: string; sha256: string };
  /** A pack's documents (its `source` is its brief): the other files it was built from. */
  inputs?: Array<{ path: string; sha256: string }>;
  language: string;
  /** Hash of the templates, fonts and lexicon the file was built with. */
  assets: string;
  version: string;
}
