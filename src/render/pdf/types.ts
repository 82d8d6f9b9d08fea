/**
 * The slice of pdfmake's document-definition vocabulary the PDF emitter uses
 * (pdfmake 0.3 ships no types). The definition is plain data; these types
 * only keep our builders honest.
 */

/** One styled text leaf. pdfmake does not pass styles from a parent text node to its children, so every leaf carries its full style. */
export interface Run {
  text: string;
  font?: string;
  bold?: boolean;
  italics?: boolean;
  decoration?: 'lineThrough' | 'underline';
  link?: string;
  linkToDestination?: string;
  sup?: boolean;
  sub?: boolean;
  color?: string;
  background?: string;
  fontSize?: number;
  /** Language of the run when it differs from its block's (a Span with /Lang in the tagged PDF). */
  lang?: string;
  /** Alternate text of a link (the annotation's /Contents): the whole link's words, or "Note 3". */
  alt?: string;
  /** A note laid out at the foot of the page that holds this run (pdfmake patch). */
  footnote?: Node;
  /** Embedding level of the run (UAX #9; odd: right to left), and of its paragraph (pdfmake patch; set by bidi.ts). */
  bidiLevel?: number;
  bidiBase?: number;
}

/** Style a run inherits from its inline context. */
export type RunStyle = Omit<Run, 'text'>;

/** Any node of the document definition (text, stack, columns, table, image, svg, canvas…). */
export type Node = { [key: string]: unknown };

export type Content = Node | string;

export interface TableNode extends Node {
  table: { headerRows?: number; widths: Array<number | string>; body: Content[][]; dontBreakRows?: boolean; keepWithHeaderRows?: number };
}

export type DynamicContent = (currentPage: number, pageCount: number) => Content | null;

/** What inline content becomes: text runs, and the images that stand between them. */
export type Piece = Run | ImagePiece;

/** An embedded image met in inline content: a pdfmake `image` or `svg` node, laid out on a line of its own (pdfmake has no images inside text). */
export interface ImagePiece {
  picture: Node;
}

export function isImagePiece(piece: Piece): piece is ImagePiece {
  return 'picture' in piece;
}

export interface DocDefinition {
  pageSize: 'A4' | 'LETTER';
  pageMargins: [number, number, number, number];
  version: '1.4';
  /** PDF/A-1a when tagged (the pdfmake patch is there), else PDF/A-1b. */
  subset: 'PDF/A-1a' | 'PDF/A-1b';
  /** PDF/UA-1 identification, a structure tree, DisplayDocTitle (pdfmake patch). */
  pdfUA?: boolean;
  language: string;
  info: {
    title: string;
    author?: string;
    subject?: string;
    keywords?: string;
    creator: string;
    producer: string;
    creationDate: Date;
    modDate: Date;
  };
  defaultStyle: Node;
  styles: Record<string, Node>;
  header: DynamicContent;
  footer: DynamicContent;
  content: Content[];
  /** Runs of words in one style drawn as one text object (pdfmake patch; speed). */
  joinInlines?: boolean;
  /** Drawn above the notes at the foot of a page (pdfmake patch). */
  footnoteSeparator?: Node;
  /** Embedded images by key (data URLs), each embedded once however often it is shown. */
  images: Record<string, string>;
}
