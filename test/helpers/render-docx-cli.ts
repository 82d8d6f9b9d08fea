/**
 * Render one source's DOCX in a process of its own and write the bytes to
 * stdout, so a test can compare builds made under other time zones.
 * Usage: node --import tsx test/helpers/render-docx-cli.ts <source.md>
 */
import { docxOf } from './docx.js';

const path = process.argv[2];
if (!path) throw new Error('render-docx-cli: give the path of a source');
const { bytes } = await docxOf(path);
process.stdout.write(bytes);
