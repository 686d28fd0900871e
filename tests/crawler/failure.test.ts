// The pure classification: statuses, thrown errors and page text into failures with reasons.
import { describe, expect, it } from 'vitest';
import { blockedPageReason, contentTypeFailure, errorFailure, parseRetryAfter, statusFailure } from '../../crawler/fetch/failure.ts';

const url = 'https://shop.example.com/item/1';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2024-05-01T08:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 May 2024 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 07:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('statusFailure', () => {
  const at = (status: number, retryAfter: string | null = null) => statusFailure(status, 'shop.example.com', retryAfter, 0);

  it('passes 2xx, and marks 404/410 gone and final', () => {
    expect(at(200)).toBeNull();
    expect(at(404)).toMatchObject({ failure: { kind: 'gone', httpStatus: 404 }, policy: { retryable: false } });
    expect(at(410)?.failure.kind).toBe('gone');
  });

  it('retries 429, 403 and 5xx, carrying Retry-After', () => {
    expect(at(429, '7')).toMatchObject({ failure: { kind: 'blocked' }, policy: { retryable: true, retryAfterMs: 7000 } });
    expect(at(403)).toMatchObject({ failure: { kind: 'blocked' }, policy: { retryable: true } });
    expect(at(503)).toMatchObject({ failure: { kind: 'http', httpStatus: 503 }, policy: { retryable: true } });
    expect(at(501)?.policy.retryable).toBe(false);
    expect(at(401)).toMatchObject({ failure: { kind: 'blocked' }, policy: { retryable: false } });
    expect(at(400)).toMatchObject({ failure: { kind: 'http' }, policy: { retryable: false } });
  });
});

describe('contentTypeFailure', () => {
  it('accepts HTML and a missing type, refuses the rest naming the type', () => {
    expect(contentTypeFailure('text/html; charset=gbk', 200)).toBeNull();
    expect(contentTypeFailure('application/xhtml+xml', 200)).toBeNull();
    expect(contentTypeFailure(null, 200)).toBeNull();
    expect(contentTypeFailure('image/png', 200)?.failure.reason).toContain('image/png');
  });
});

describe('blockedPageReason', () => {
  it('recognises bot checks in several languages and widgets', () => {
    expect(blockedPageReason('<title>Just a moment</title><p>Verify you are human by completing the action below.</p>', url)).toMatch(/bot check/);
    expect(blockedPageReason('<p>Are you a robot?</p>', url)).toMatch(/are you a robot/);
    expect(blockedPageReason('<div>请按住滑块，拖动到最右边</div><div>滑动验证</div>', url)).toMatch(/验证/);
    expect(blockedPageReason('<div class="h-captcha" data-sitekey="1"></div>', url)).toMatch(/captcha/);
    expect(blockedPageReason('<p>Please sign in to continue</p>', url)).toMatch(/log in/);
    expect(blockedPageReason('<p>x</p>', 'https://login.example.com/signin?return=/item/1')).toMatch(/login page/);
  });

  it('ignores captcha scripts and text inside scripts', () => {
    expect(blockedPageReason('<h1>Teapot</h1><script src="https://www.google.com/recaptcha/api.js"></script><script>var captcha = 1;</script>', url)).toBeNull();
  });
});

describe('errorFailure', () => {
  it('names the host and the code of network errors from Node, got and Chromium', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    expect(errorFailure(refused, url, 1000)).toEqual({ kind: 'network', reason: 'could not reach shop.example.com: connection refused (ECONNREFUSED)', httpStatus: null });
    expect(errorFailure(new Error('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }), url, 1000).reason).toContain('DNS');
    expect(errorFailure(new Error('page.goto: net::ERR_CONNECTION_RESET at https://shop.example.com/item/1'), url, 1000)).toMatchObject({ kind: 'network' });
    expect(errorFailure(new Error('Detected a session error, rotating session...\nconnect ECONNRESET 1.2.3.4:80'), url, 1000).reason).toContain('ECONNRESET');
  });

  it('reads timeouts as timeouts, with the limit', () => {
    const got = Object.assign(new Error('Timeout awaiting request for 5000ms'), { code: 'ETIMEDOUT' });
    expect(errorFailure(got, url, 5000)).toEqual({ kind: 'timeout', reason: 'shop.example.com did not deliver the page within 5000 ms', httpStatus: null });
    expect(errorFailure(Object.assign(new Error('page.goto: Timeout 800ms exceeded.'), { name: 'TimeoutError' }), url, 800).kind).toBe('timeout');
  });
});
