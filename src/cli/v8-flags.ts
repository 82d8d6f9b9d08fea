/**
 * V8 settings for the command line, set before any other module is loaded
 * (main.ts imports this first). V8's flags belong to the process, so the
 * worker threads share them.
 *
 * `--no-regexp-tier-up`: V8 first runs a regular expression in its bytecode
 * interpreter and compiles it to machine code when it runs again; compiling
 * it at once is cheaper for briefpack, whose analysis runs some hundred
 * expressions with large Unicode classes (`\p{L}`, `\p{Lu}`) over every
 * sentence. A cold `build --format html` of the seed took 691 against 744 ms
 * (median of 8 interleaved runs; CPU 790 against 860 ms). The outputs are the
 * same: only when the code is compiled changes. BRIEFPACK_REGEXP_TIER_UP=1
 * keeps V8's default (to measure it).
 */
import { setFlagsFromString } from 'node:v8';

if (process.env.BRIEFPACK_REGEXP_TIER_UP !== '1') setFlagsFromString('--no-regexp-tier-up');
