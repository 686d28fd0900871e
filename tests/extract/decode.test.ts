// decodeHtml: the charset from the header, a BOM or <meta>, UTF-8 by default, and the bytes
// overruling labels that contradict them.
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../crawler/extract/index.ts';

const page = (head: string, body: string) => `<html${head}><head>${''}</head><body>${body}</body></html>`;

/** Bytes of a string in a single-byte encoding (Latin-1 code points only). */
function latin1(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

describe('decodeHtml', () => {
  it('reads UTF-8 without any declaration', () => {
    expect(decodeHtml(Buffer.from(page('', 'Preis 1.299,00 € – ¥99'), 'utf8'))).toContain('1.299,00 € – ¥99');
  });

  it('uses the Content-Type charset for bytes that are not UTF-8', () => {
    expect(decodeHtml(latin1(page('', 'Größe 12,50 \u00a3')), 'text/html; charset=ISO-8859-1')).toContain('Größe 12,50 £');
  });

  it('reads UTF-8 bytes as UTF-8 even when the page is labelled Latin-1', () => {
    const bytes = Buffer.from(`<meta charset="iso-8859-1">${page('', 'Prix 59,99 €')}`, 'utf8');
    expect(decodeHtml(bytes, 'text/html; charset=iso-8859-1')).toContain('Prix 59,99 €');
  });

  it('falls back to windows-1252 when a page labelled UTF-8 is not', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), Buffer.from([0x80, 0x20, 0x31, 0x32]), Buffer.from('</p>')]);
    expect(decodeHtml(bytes)).toContain('€ 12');
  });

  it('decodes gbk pages from their <meta> as gb18030', () => {
    const gbk = Buffer.from([0xbc, 0xdb, 0xb8, 0xf1, 0xa3, 0xa4, 0x31, 0x39, 0x39]); // 价格￥199
    const bytes = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>'), gbk, Buffer.from('</body></html>')]);
    expect(decodeHtml(bytes)).toContain('价格￥199');
  });

  it('guesses Shift_JIS for an undeclared Japanese page that is not UTF-8', () => {
    const sjis = Buffer.from([0x89, 0xbf, 0x8a, 0x69]); // 価格
    const bytes = Buffer.concat([Buffer.from('<html lang="ja"><body>'), sjis, Buffer.from('</body></html>')]);
    expect(decodeHtml(bytes)).toContain('価格');
  });

  it('honours a byte-order mark and survives an unknown label', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>¥1,299</p>', 'utf8')]);
    expect(decodeHtml(bom, 'text/html; charset=x-nonsense')).toContain('¥1,299');
    expect(decodeHtml(latin1('<p>caf\u00e9</p>'), 'text/html; charset=x-nonsense')).toContain('café');
  });

  it('accepts a Uint8Array and an empty body', () => {
    expect(decodeHtml(new Uint8Array([0x3c, 0x70, 0x3e]))).toBe('<p>');
    expect(decodeHtml(new Uint8Array())).toBe('');
  });
});
