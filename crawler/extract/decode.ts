// Bytes → text for a fetched page. Shops misdeclare charsets often (a page labelled Latin-1 that is
// really UTF-8, a gbk label on a UTF-8 page), and a mangled "€" or "¥" breaks price parsing, so the
// bytes get the last word: valid UTF-8 is read as UTF-8 whatever the label says (legacy multi-byte
// text is practically never valid UTF-8); otherwise the declared charset is used.

const SNIFF_BYTES = 8192;

/** Legacy encodings by page language, for undeclared pages that are not UTF-8. */
const LEGACY_BY_LANG: Record<string, string> = {
  zh: 'gb18030',
  ja: 'shift_jis',
  ko: 'euc-kr',
  ru: 'windows-1251',
  uk: 'windows-1251',
  bg: 'windows-1251',
  pl: 'iso-8859-2',
  cs: 'windows-1250',
  hu: 'iso-8859-2',
};

function head(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, SNIFF_BYTES)).toString('latin1');
}

function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? m[1] : null;
}

function charsetFromBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function charsetFromMeta(text: string): string | null {
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text);
  if (direct) return direct[1];
  const xml = /^<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(text);
  return xml ? xml[1] : null;
}

function legacyFromLang(text: string): string {
  const m = /<html[^>]*\slang\s*=\s*["']?([a-z]{2})([-_][a-z]+)?/i.exec(text);
  const lang = m?.[1].toLowerCase();
  if (lang === 'zh' && m?.[2] && /tw|hk|hant/i.test(m[2])) return 'big5';
  return (lang && LEGACY_BY_LANG[lang]) || 'windows-1252';
}

/** windows-1252's characters at 0x80–0x9F (Node's decoder reads them as C1 controls, as ISO-8859-1 does). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

interface Decoder {
  decode(bytes: Uint8Array): string;
}

const windows1252: Decoder = {
  decode: (bytes) => new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]),
};

function decoderFor(label: string): Decoder | null {
  if (/^(?:windows-1252|cp1252|x-cp1252|latin-?1|l1|iso-?8859-1|iso_8859-1|us-ascii|ascii|ibm819|cp819|iso-ir-100)$/i.test(label)) return windows1252;
  // gb2312/gbk pages routinely contain characters only gb18030 defines.
  const name = /^(?:gb2312|gbk|x-gbk|gb_2312-80|cp936)$/i.test(label) ? 'gb18030' : label;
  try {
    return new TextDecoder(name);
  } catch {
    return null;
  }
}

function asUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes a page body; `contentType` is the HTTP header value when known. Never throws: an
 * unknown label or an undeclared non-UTF-8 page falls back to the legacy encoding of the page's
 * `<html lang>` (windows-1252 when that says nothing).
 */
export function decodeHtml(bytes: Buffer | Uint8Array, contentType?: string | null): string {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const bom = charsetFromBom(data);
  if (bom) return new TextDecoder(bom).decode(data);
  const utf8 = asUtf8(data);
  if (utf8 !== null) return utf8;
  const sniffed = head(data);
  const label = (charsetFromContentType(contentType) ?? charsetFromMeta(sniffed))?.trim().toLowerCase() ?? null;
  const decoder = label && !/^(?:utf-?8|unicode-1-1-utf-8)$/.test(label) ? decoderFor(label) : null;
  return (decoder ?? decoderFor(legacyFromLang(sniffed)) ?? windows1252).decode(data);
}
