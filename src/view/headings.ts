/**
 * Heading levels in order. Sources skip levels (`##` then `####`) and mix
 * `#` parts with `##` sections; the page needs one h1 and no skipped level.
 */
export class HeadingLevels {
  private readonly stack: number[] = [];

  /** `base` is the page level of the shallowest heading this flow can hold. */
  constructor(private readonly base: number) {}

  /**
   * The page level of the next source heading of `depth`, in document order:
   * one below the nearest preceding shallower heading, never past h6.
   */
  next(depth: number): number {
    const stack = this.stack;
    while (stack.length && stack[stack.length - 1] >= depth) stack.pop();
    stack.push(depth);
    return Math.min(6, this.base + stack.length - 1);
  }

  /** The level just below the current heading, for a heading nested in a block. */
  current(): number {
    return Math.min(6, this.base + Math.max(0, this.stack.length - 1));
  }
}
