export { words, missingWords } from '../../src/util/words.js';
