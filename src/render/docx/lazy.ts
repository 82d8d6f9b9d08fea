/**
 * Run phase (docx): the body of the text made while the file is written
 * (issue 18: a 5 MB text in bounded memory).
 *
 * docx turns the whole tree of Word objects into a tree of plain objects
 * and then into XML; for a large text the three copies take gigabytes. So
 * the body after the contents is not built up front: it stands in the
 * document as `LazyPiece`s, one per piece of `partPieces` (a part's heading,
 * a section, an annex's table), and each piece is made when docx writes it,
 * from a new writer that has made everything before it again, in the same
 * order, so it is the same Word objects a build of the whole would make.
 * A piece's objects are dropped once written. With docx's stringify working
 * out each element as it writes it (the patch `briefpack#18` in
 * patches/docx+9.15.2.patch), no copy of the whole body is held; without
 * the patch the file is the same, written with more memory.
 *
 * A piece's plain objects are an element with no name (docx writes its
 * children alone) whose children are made when docx reads them: a getter.
 */
import { FileChild, type IContext, type IXmlableObject } from 'docx';
import type { BodyChild } from './blocks.js';

/** The pieces of the body, made again from the start each time the file is written, handed out in order. */
export class PieceSource {
  private pieces: Iterator<BodyChild[]> | null = null;
  private next = 0;

  /** `start` makes the pieces from the start (a new writer); `count` is how many it makes. */
  constructor(
    private readonly start: () => Iterator<BodyChild[]>,
    readonly count: number,
  ) {}

  /** Piece `index`: the next one, or the first one again (a new write of the file). */
  take(index: number): BodyChild[] {
    if (index === 0) {
      this.pieces = this.start();
      this.next = 0;
    }
    if (!this.pieces || index !== this.next) throw new Error(`docx: body piece ${index} written out of order (expected ${this.next})`);
    const step = this.pieces.next();
    if (step.done) throw new Error(`docx: the body made ${index} pieces, not ${this.count}`);
    this.next++;
    if (this.next === this.count) {
      if (!this.pieces.next().done) throw new Error(`docx: the body made more than ${this.count} pieces`);
      this.pieces = null;
    }
    return step.value;
  }

  /** The stand-ins for the pieces, in order. */
  standIns(): LazyPiece[] {
    return Array.from({ length: this.count }, (_, i) => new LazyPiece(this, i));
  }
}

/** One piece of the body, made when docx writes it. */
export class LazyPiece extends FileChild {
  constructor(
    private readonly source: PieceSource,
    private readonly index: number,
  ) {
    // No element name: docx writes the children alone.
    super('');
  }

  override prepForXml(context: IContext): IXmlableObject {
    // The stack as it is here (the document, the body); writing pushes this piece, as tables look up the section they are in.
    const stack = [...context.stack];
    const write = () => this.write({ ...context, stack });
    return {
      get ''() {
        return write();
      },
    };
  }

  private write(context: IContext): unknown[] {
    this.root.push(...this.source.take(this.index));
    try {
      const xml = super.prepForXml(context)?.[''];
      return Array.isArray(xml) ? xml : [];
    } finally {
      this.root.length = 0;
    }
  }
}
