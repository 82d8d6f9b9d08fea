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
  subset: 'PDF/A-1b';
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
  /** Embedded images by key (data URLs), each embedded once however often it is shown. */
  images: Record<string, string>;
}
