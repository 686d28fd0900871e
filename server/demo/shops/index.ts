// The demo shops, in the order the index page lists them.
import type { ShopDefinition } from '../shop.ts';
import { northwind } from './northwind.ts';

export const SHOPS: ShopDefinition[] = [northwind];
