// Page lookup by URL however it was linked, and adding listings from the extension.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixture, config, type Fixture } from './fixtures.ts';
import { startTestApi, type TestApi } from './client.ts';

let fx: Fixture;
let t: TestApi;
const q = (url: string, canonical?: string) =>
  `/api/lookup?url=${encodeURIComponent(url)}${canonical ? `&canonical=${encodeURIComponent(canonical)}` : ''}`;

beforeAll(async () => {
  fx = await buildFixture();
  t = await startTestApi(fx.store, config);
});
afterAll(async () => {
  await t?.api.close();
  await fx?.cleanup();
});

describe('lookup by URL', () => {
  it('finds a listing despite tracking parameters, a fragment, host case and a trailing slash', async () => {
    const res = await t.call(q('https://WWW.alpha.example/item/kettle-17/?utm_source=mail&spm=a1.b2&gclid=xyz#reviews'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tracked: true, competitor: 'Alpha', onCompetitorDomain: true, product: { sku: 'RW-100' }, canTrack: false });
    expect(res.body.listing.id).toBe(fx.ids.alpha);
  });

  it('finds it from the mobile host and from the bare host', async () => {
    for (const url of ['https://m.alpha.example/item/kettle-17', 'https://alpha.example/item/kettle-17']) {
      expect((await t.call(q(url))).body.listing?.id).toBe(fx.ids.alpha);
    }
  });

  it('keeps parameters that name the product', async () => {
    const res = await t.call(q('https://www.alpha.example/item/kettle-17?variant=2'));
    expect(res.body.tracked).toBe(false);
    expect(res.body.canTrack).toBe(true);
  });

  it('falls back to the canonical URL the page declares', async () => {
    const res = await t.call(q('https://www.alpha.example/s?id=9&from=search', 'https://www.alpha.example/item/kettle-17'));
    expect(res.body.listing?.id).toBe(fx.ids.alpha);
  });

  it('says a page off the competitor domains is neither tracked nor trackable', async () => {
    const res = await t.call(q('https://elsewhere.example/item/1'));
    expect(res.body).toMatchObject({ tracked: false, listing: null, competitor: null, onCompetitorDomain: false, canTrack: false });
  });

  it('refuses a URL that is not http(s) with a 400 that says why', async () => {
    const res = await t.call(q('javascript:alert(1)'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-request');
    expect(res.body.error.message).toMatch(/only http and https/);
  });
});

describe('adding a listing', () => {
  it('creates it on a configured competitor domain, normalized, and finds it afterwards', async () => {
    const res = await t.call('/api/listings', { method: 'POST', body: { url: 'https://beta.example/p/777?utm_campaign=x#top', sku: 'RW-300', label: 'Cooker at Beta' } });
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    expect(res.body.listing).toMatchObject({ url: 'https://beta.example/p/777', competitor: 'Beta', sku: 'RW-300', label: 'Cooker at Beta', status: 'active' });
    expect((await t.call(q('https://m.beta.example/p/777'))).body.listing.id).toBe(res.body.listing.id);
    expect((await fx.store.findListingByUrl('https://beta.example/p/777'))?.id).toBe(res.body.listing.id);
  });

  it('answers 200 with created:false for a page already tracked, under any variant of its URL', async () => {
    const res = await t.call('/api/listings', { method: 'POST', body: { url: 'https://m.alpha.example/item/kettle-17?spm=1', sku: 'RW-100' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: false, listing: { id: fx.ids.alpha } });
  });

  it('refuses a page outside the configured competitor domains with 403 and the domains it knows', async () => {
    const res = await t.call('/api/listings', { method: 'POST', body: { url: 'https://gamma.example/p/1', sku: 'RW-100' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('not-a-competitor');
    expect(res.body.error.message).toMatch(/gamma\.example is not a configured competitor domain .*alpha\.example, beta\.example/);
    expect(await fx.store.findListingByUrl('https://gamma.example/p/1')).toBeNull();
  });

  it('refuses a SKU we do not sell with 422', async () => {
    const res = await t.call('/api/listings', { method: 'POST', body: { url: 'https://beta.example/p/888', sku: 'NOT-OURS' } });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('unknown-sku');
  });
});

describe('request validation', () => {
  it('names the missing or wrong field', async () => {
    const missing = await t.call('/api/listings', { method: 'POST', body: { url: 'https://beta.example/p/1' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('invalid-request');
    expect(missing.body.error.message).toMatch(/sku/);
    const extra = await t.call('/api/listings', { method: 'POST', body: { url: 'https://beta.example/p/1', sku: 'RW-100', admin: true } });
    expect(extra.status).toBe(400);
    const days = await t.call(`/api/listings/${fx.ids.alpha}/history?days=7`);
    expect(days.status).toBe(400);
    expect(days.body.error.message).toMatch(/days.*30, 90, 365/);
    expect((await t.call('/api/lookup')).status).toBe(400);
  });

  it('rejects bodies that are not JSON, and bodies over 64 KB', async () => {
    const text = await t.call('/api/listings', { method: 'POST', body: 'url=x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect(text.body.error.code).toBe('unsupported-media-type');
    const broken = await t.call('/api/listings', { method: 'POST', body: '{"url":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    const huge = await t.call('/api/listings', { method: 'POST', body: { url: 'https://beta.example/p/1', sku: 'RW-100', label: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('body-too-large');
  });

  it('answers unknown listings and routes with 404 in the same error shape', async () => {
    const listing = await t.call('/api/listings/nope/statistics');
    expect(listing.status).toBe(404);
    expect(listing.body.error.code).toBe('not-found');
    const route = await t.call('/api/nothing-here');
    expect(route.status).toBe(404);
    expect(route.body.error.code).toBe('not-found');
  });

  it('describes itself in an OpenAPI document', async () => {
    const doc = (await t.call('/api/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/lookup', '/api/overlay', '/api/products', '/api/products/{sku}/comparison', '/api/listings', '/api/listings/{id}/history', '/api/listings/{id}/discount-check']),
    );
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });
});

describe('scope for the extension', () => {
  it('lists the competitor domains and the hosts of tracked listings, without www./m.', async () => {
    const res = await t.call('/api/scope');
    expect(res.status).toBe(200);
    expect(res.body.domains).toEqual(['alpha.example', 'beta.example']);
    expect(res.body.listingHosts).toEqual(expect.arrayContaining(['alpha.example', 'beta.example', 'our.example']));
    expect(res.body.listingHosts).not.toContain('www.alpha.example');
  });
});

describe('catalogue search', () => {
  it('finds our products by SKU, name words and tags, exact SKU first', async () => {
    expect((await t.call('/api/products?q=RW-100')).body.products.map((p: any) => p.sku)).toEqual(['RW-100']);
    expect((await t.call('/api/products?q=kettle%20steel')).body.products.map((p: any) => p.sku)).toEqual(['RW-100']);
    expect((await t.call('/api/products?q=rw')).body.products).toHaveLength(3);
    expect((await t.call('/api/products?q=toaster')).body.products[0]).toEqual({ sku: 'RW-200', name: 'Toaster Two Slice', category: null, tags: ['toaster'], price: null });
  });
});
