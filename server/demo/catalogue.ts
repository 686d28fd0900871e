// Our own products in the demo: the brand the demo team sells. Every product of every demo shop
// is matched to one of these SKUs, and several shops carry the same SKU, so price comparisons,
// undercut alerts and the digest's price index have something to compare. Prices are in USD; the
// shops that price in GBP, EUR or CNY derive their prices through DEMO_FX (fixed demo rates).

export interface OurProduct {
  sku: string;
  name: string;
  priceMinor: number;
  currency: string;
  tags: string[];
  category: string;
}

export const ourCatalogue: OurProduct[] = [
  { sku: 'RW-EB-100', name: 'Aero Wireless Earbuds', priceMinor: 4999, currency: 'USD', tags: ['audio', 'bestseller'], category: 'audio' },
  { sku: 'RW-HP-200', name: 'Studio ANC Over-Ear Headphones', priceMinor: 12999, currency: 'USD', tags: ['audio', 'premium'], category: 'audio' },
  { sku: 'RW-SP-300', name: 'Pulse Portable Bluetooth Speaker', priceMinor: 5999, currency: 'USD', tags: ['audio', 'outdoor'], category: 'audio' },
  { sku: 'RW-SB-400', name: 'Cinema 2.1 Soundbar', priceMinor: 19999, currency: 'USD', tags: ['audio', 'home-cinema'], category: 'audio' },
  { sku: 'RW-SW-110', name: 'Stride Smartwatch', priceMinor: 14999, currency: 'USD', tags: ['wearables', 'bestseller'], category: 'wearables' },
  { sku: 'RW-FB-120', name: 'Stride Fitness Band', priceMinor: 3999, currency: 'USD', tags: ['wearables', 'entry'], category: 'wearables' },
  { sku: 'RW-CAM-210', name: 'Sentry 2K Indoor Camera', priceMinor: 3499, currency: 'USD', tags: ['smart-home', 'security'], category: 'smart-home' },
  { sku: 'RW-PLG-220', name: 'Smart Plug 4-Pack', priceMinor: 2499, currency: 'USD', tags: ['smart-home', 'entry'], category: 'smart-home' },
  { sku: 'RW-BLB-230', name: 'Colour Smart Bulb E27 2-Pack', priceMinor: 1999, currency: 'USD', tags: ['smart-home', 'lighting'], category: 'smart-home' },
  { sku: 'RW-VAC-240', name: 'Robot Vacuum S6', priceMinor: 24999, currency: 'USD', tags: ['smart-home', 'premium'], category: 'smart-home' },
  { sku: 'RW-KET-310', name: 'Gooseneck Electric Kettle', priceMinor: 6999, currency: 'USD', tags: ['kitchen', 'coffee'], category: 'kitchen' },
  { sku: 'RW-AF-320', name: 'Air Fryer 5.5 L', priceMinor: 8999, currency: 'USD', tags: ['kitchen', 'bestseller'], category: 'kitchen' },
  { sku: 'RW-BLN-330', name: 'Personal Blender', priceMinor: 4499, currency: 'USD', tags: ['kitchen', 'entry'], category: 'kitchen' },
  { sku: 'RW-GRD-340', name: 'Conical Burr Coffee Grinder', priceMinor: 7999, currency: 'USD', tags: ['kitchen', 'coffee'], category: 'kitchen' },
  { sku: 'RW-CB-410', name: 'Single-Origin Coffee Beans 12 oz', priceMinor: 1599, currency: 'USD', tags: ['coffee', 'consumable'], category: 'coffee' },
  { sku: 'RW-CB-420', name: 'Espresso Blend Coffee Beans 32 oz', priceMinor: 2999, currency: 'USD', tags: ['coffee', 'consumable'], category: 'coffee' },
  { sku: 'RW-TEA-430', name: 'Ceremonial Matcha 3.5 oz', priceMinor: 2200, currency: 'USD', tags: ['coffee', 'consumable'], category: 'coffee' },
  { sku: 'RW-LAN-510', name: 'Trailhead LED Lantern', priceMinor: 2999, currency: 'USD', tags: ['outdoor', 'seasonal'], category: 'outdoor' },
  { sku: 'RW-BTL-520', name: 'Insulated Bottle 32 oz', priceMinor: 3200, currency: 'USD', tags: ['outdoor', 'entry'], category: 'outdoor' },
  { sku: 'RW-PAK-530', name: 'Daypack 22 L', priceMinor: 5900, currency: 'USD', tags: ['outdoor'], category: 'outdoor' },
  { sku: 'RW-PB-540', name: 'Power Bank 20000 mAh', priceMinor: 3999, currency: 'USD', tags: ['outdoor', 'accessories'], category: 'accessories' },
  { sku: 'RW-CHG-610', name: '65 W USB-C Charger', priceMinor: 3599, currency: 'USD', tags: ['accessories', 'bestseller'], category: 'accessories' },
  { sku: 'RW-CBL-620', name: 'Braided USB-C Cable 2 m 2-Pack', priceMinor: 1499, currency: 'USD', tags: ['accessories', 'entry'], category: 'accessories' },
  { sku: 'RW-MS-630', name: 'Silent Wireless Mouse', priceMinor: 2499, currency: 'USD', tags: ['accessories'], category: 'accessories' },
];

/** Fixed demo exchange rates: units of a currency per 1 USD. Only the demo uses these. */
export const DEMO_FX: Record<string, number> = { USD: 1, GBP: 0.79, EUR: 0.93, CNY: 7.2 };

export function ourProduct(sku: string): OurProduct {
  const found = ourCatalogue.find((p) => p.sku === sku);
  if (!found) throw new Error(`demo catalogue has no SKU ${sku}`);
  return found;
}
