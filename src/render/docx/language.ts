/**
 * Run phase (docx): the document language as Word wants it (`w:lang`), and
 * the East Asian font that Korean, Chinese and Japanese text is set in.
 */

export interface DocxLanguage {
  /**
   * The `w:lang` values of the document defaults. `w:val` is the language of
   * Latin-script runs and `w:eastAsia` that of East Asian runs, so a Korean
   * document is `w:eastAsia="ko-KR"` with its Latin words (names, acronyms)
   * left English, as Word writes it; marking them Korean makes LibreOffice
   * break Latin words anywhere.
   */
  run: { value: string; eastAsia?: string; bidirectional?: string };
  /** The font for East Asian text (`w:rFonts w:eastAsia`), for ko/zh/ja documents only. */
  eastAsiaFont: string | null;
}

/** Word spells languages with a region (`en-US`); a bare BCP 47 tag gets the usual one. */
const REGION: Record<string, string> = {
  en: 'en-US',
  fr: 'fr-FR',
  es: 'es-ES',
  de: 'de-DE',
  it: 'it-IT',
  pt: 'pt-BR',
  ru: 'ru-RU',
  ar: 'ar-SA',
  ko: 'ko-KR',
  ja: 'ja-JP',
  zh: 'zh-CN',
  id: 'id-ID',
  vi: 'vi-VN',
  th: 'th-TH',
};

const RTL = /^(ar|fa|he|iw|ur|ps|sd|ug|yi|dv|ckb)$/;

/** Noto CJK families: installed with LibreOffice's fonts-noto-cjk, free for Word users to install. */
const EAST_ASIAN_FONT: Record<string, string> = {
  ko: 'Noto Sans CJK KR',
  ja: 'Noto Sans CJK JP',
  zh: 'Noto Sans CJK SC',
  'zh-Hant': 'Noto Sans CJK TC',
};

export function docxLanguage(tag: string): DocxLanguage {
  const parts = tag.split(/[-_]/);
  const primary = (parts[0] ?? 'en').toLowerCase();
  const region = parts.slice(1).find((p) => /^([A-Za-z]{2}|\d{3})$/.test(p));
  const script = parts.slice(1).find((p) => /^[A-Za-z]{4}$/.test(p));
  const value = region ? `${primary}-${region.toUpperCase()}` : (REGION[primary] ?? primary);
  // Right-to-left scripts are Word's complex scripts: their runs take the `w:bidi` language.
  if (RTL.test(primary)) return { run: { value, bidirectional: value }, eastAsiaFont: null };
  if (!(primary in EAST_ASIAN_FONT)) return { run: { value }, eastAsiaFont: null };
  const traditional = primary === 'zh' && (script?.toLowerCase() === 'hant' || ['TW', 'HK', 'MO'].includes(region?.toUpperCase() ?? ''));
  const zhValue = primary === 'zh' && !region && traditional ? 'zh-TW' : value;
  return {
    run: { value: 'en-US', eastAsia: zhValue },
    eastAsiaFont: traditional ? EAST_ASIAN_FONT['zh-Hant'] : EAST_ASIAN_FONT[primary],
  };
}
