// The demo shops, in the order the index page lists them.
import type { ShopDefinition } from '../shop.ts';
import { brightleaf } from './brightleaf.ts';
import { elektrohaus } from './elektrohaus.ts';
import { gadgetbarn } from './gadgetbarn.ts';
import { lexiang } from './lexiang.ts';
import { megamart } from './megamart.ts';
import { nimbus } from './nimbus.ts';
import { northwind } from './northwind.ts';

export const SHOPS: ShopDefinition[] = [northwind, brightleaf, gadgetbarn, nimbus, lexiang, elektrohaus, megamart];
