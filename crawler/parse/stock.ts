// Availability from schema.org values and from the words shops print. Negated phrases ("not
// available", "nicht verfügbar", "无货") are tried before the positive ones they contain, and a
// page that says both "out of stock" and "in stock" reads as out of stock: a shop rarely prints
// "sold out" when it can sell, while "in stock" also appears in filters and carousels.
// 'limited' is in stock with an explicit low-stock statement ("only 3 left", "Nur noch 2",
// "仅剩3件", schema.org LimitedAvailability), never marketing ("selling fast"): consumers that
// only ask "can it be bought?" must treat it as in stock.
import type { Availability } from '../../store/model.ts';

const SCHEMA: Record<string, Availability> = {
  instock: 'in_stock',
  onlineonly: 'in_stock',
  instoreonly: 'in_stock',
  madetoorder: 'in_stock',
  available: 'in_stock',
  availablefororder: 'in_stock',
  limitedavailability: 'limited',
  lowstock: 'limited',
  outofstock: 'out_of_stock',
  soldout: 'out_of_stock',
  discontinued: 'out_of_stock',
  reserved: 'out_of_stock',
  unavailable: 'out_of_stock',
  oos: 'out_of_stock',
  preorder: 'preorder',
  presale: 'preorder',
  backorder: 'preorder',
};

/** schema.org ItemAvailability in any spelling: "https://schema.org/InStock", "instock", "in_stock". */
export function availabilityFromSchema(value: string): Availability | null {
  const last = value.trim().split(/[/#:]/).filter(Boolean).pop() ?? '';
  const key = last.toLowerCase().replace(/[^a-z]/g, '');
  return SCHEMA[key] ?? null;
}

/** Word boundary that also works next to accented and non-Latin letters. */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}])';

function phrases(list: string[]): RegExp {
  // Latin phrases need word edges; CJK and Thai phrases have none to need.
  // The edges wrap one group, not each phrase: every \p{L} lookaround costs V8 tens of
  // milliseconds to compile under /iu, and V8 recompiles regexps after garbage collections.
  const cjk = (p: string) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u.test(p);
  const edged = list.filter((p) => !cjk(p));
  const bare = list.filter(cjk);
  return new RegExp([`${B}(?:${edged.join('|')})${E}`, ...bare].join('|'), 'iu');
}

const N = '\\d{1,3}';

/** Checked in this order: the first kind with a matching phrase wins. */
const RULES: [Availability, RegExp][] = [
  [
    'out_of_stock',
    phrases([
      'out of stock', 'out-of-stock', '(?<!almost |nearly )sold[- ]?out', 'currently unavailable', 'temporarily unavailable',
      'not available', 'no longer available', 'unavailable', 'not in stock', 'no stock', 'notify me when (?:it\'s |this is )?(?:available|back)',
      'email me when available', 'back in stock soon', 'discontinued', 'coming soon', 'not currently available', 'temporarily out of stock',
      '(?<!bald |fast )ausverkauft', 'nicht (?:mehr )?verfügbar', 'nicht (?:mehr )?lieferbar', 'derzeit nicht (?:lieferbar|verfügbar|auf lager)', 'nicht auf lager',
      'vergriffen', 'zurzeit nicht', 'benachrichtigen, wenn', 'nicht vorrätig',
      'en rupture(?: de stock)?', 'rupture de stock', '(?<!presque )épuisée?s?', 'indisponible', 'non disponible', 'm\'avertir', 'plus disponible',
      '(?<!casi )agotados?', 'sin stock', 'sin existencias', 'no disponible', 'fuera de stock', 'avísame',
      'esaurit[oa]', 'non disponibile', 'non più disponibile', 'non in magazzino', 'avvisami',
      '(?<!quase )esgotad[oa]', 'indisponível', 'sem estoque', 'fora de estoque', 'avise-me',
      'niedostępn\\p{L}*', 'wyprzedan\\p{L}*', 'brak w magazynie', 'brak towaru', 'chwilowo brak',
      'нет в наличии', 'распродано', 'закончился', 'нет на складе', 'недоступ\\p{L}*',
      'uitverkocht', 'niet (?:meer )?(?:op voorraad|leverbaar|beschikbaar)', 'tijdelijk uitverkocht',
      'slutsåld', 'slut i lager', 'ej i lager', 'inte i lager', 'tillfälligt slut', 'ikke på lager', 'midlertidigt udsolgt', 'udsolgt', 'utsolgt', 'ikke tilgjengelig',
      'loppuunmyyty', 'ei varastossa', 'tilapäisesti loppu', 'tuote on loppu', 'není skladem', 'vyprodáno', 'nedostupné', 'momentálně nedostupné',
      'nincs raktáron', 'elfogyott', 'nem elérhető', 'tükendi', 'stokta yok', 'stokta bulunmuyor', 'temin edilemiyor',
      'nu (?:mai )?(?:este|e) (?:în|in) stoc', 'stoc epuizat', 'epuizat', 'indisponibil', 'nu este disponibil',
      'εξαντλήθηκε', 'εκτός αποθέματος', 'μη διαθέσιμο', 'غير متوفر', 'نفدت الكمية', 'نفذت الكمية', 'نفد من المخزون', 'غير متاح', 'אזל מהמלאי', 'לא במלאי',
      'สินค้าหมด', 'หมดชั่วคราว', 'หมดสต็อก', '(?<!sắp )hết hàng', 'tạm hết hàng', 'stok habis', 'sudah habis', 'barang habis', 'tidak tersedia', 'stok kosong',
      '无货', '無貨', '停售', '无法购买', '無法購買', '缺货', '缺貨', '(?<!即将)售罄', '已售完', '已下架', '下架', '到货通知', '到貨通知', '暂时缺货', '暫時缺貨', '暂无库存', '库存不足', '已抢光', '抢光了', '补货中', '无库存',
      '在庫切れ', '在庫なし', '売り切れ', '売切れ', '品切れ', '完売', '取り扱い(?:が)?(?:でき)?ません', '入荷待ち', '販売終了',
      '품절(?! ?임박)', '재고 ?없음', '재입고 알림', '판매 ?종료',
    ]),
  ],
  [
    'preorder',
    phrases([
      'pre-?order', 'preorder now', 'available for pre-?order', 'back-?order(?:ed)?', 'on backorder', 'coming (?:on|in) ', 'expected (?:to ship|on)',
      'vorbestell\\p{L}*', 'vorbestellung', 'lieferbar ab \\d', 'erhältlich ab \\d', 'erscheint am', 'available (?:from|on) \\d', 'disponible (?:à partir du|le) \\d', 'ожидается', 'vorverkauf', 'pré-?commande', 'précommander', 'en précommande', 'pre-?venta', 'reserva(?:lo)?', 'pre-?ordine', 'preordina',
      'pré-?venda', 'pré-?encomenda', 'przedsprzedaż', 'zamów w przedsprzedaży', 'предзаказ', 'под заказ', 'voorbestellen', 'förbeställ\\p{L}*',
      'forudbestil\\p{L}*', 'forhåndsbestill\\p{L}*', 'ennakkotilaus', 'ennakkotilattavissa', 'předobjednávka', 'předobjednat', 'előrendelés', 'ön sipariş', 'precomand[aă]',
      'προπαραγγελία', 'طلب مسبق', 'הזמנה מוקדמת', 'สั่งจองล่วงหน้า', 'พรีออเดอร์', 'đặt trước', 'pesan di muka',
      '预售', '預售', '预定', '预约', '預約', '定金', '订金', '即将发售', '即将上市', '预计\\d+天', '予約(?:受付|注文|販売)?', '予約商品', 'お取り寄せ', '入荷予定', '예약(?:판매|구매)?', '사전예약',
    ]),
  ],
  [
    'limited',
    phrases([
      `only ${N} left`, `only ${N} (?:items? )?(?:left|remaining)`, `${N} left in stock`, 'low stock', 'limited stock', 'few left', 'almost gone', 'last (?:one|few|items?)',
      'limited availability', `nur noch ${N}`, 'nur noch wenige', 'wenige verfügbar', 'geringer bestand', 'letzte artikel',
      `plus que ${N}`, 'plus que quelques', 'quelques pièces', `il ne reste (?:plus )?que ${N}`, 'stock limité', 'derniers articles', 'quantité limitée',
      `(?:solo|sólo) quedan? ${N}`, 'últimas unidades', 'pocas unidades', 'stock limitado', `ultim[ie] ${N}`, `(?:solo|soltanto) ${N} disponibili`, 'ultimi pezzi', 'disponibilità limitata', 'almost sold out', 'nearly sold out', 'bald ausverkauft', 'fast ausverkauft', 'presque épuisé', 'casi agotado', 'quase esgotado',
      `apenas ${N}`, `últim[ao]s? ${N}`, 'estoque limitado', 'ostatni\\p{L}* (?:sztuk\\p{L}*)', `zostało ${N}`, `осталось ${N}`, 'заканчивается',
      `nog (?:maar |slechts )?${N}`, 'beperkte voorraad', `(?:endast|bara) ${N} kvar`, 'få kvar', `kun ${N} (?:tilbage|igjen|på lager)`, 'få tilbage', 'få igjen',
      'vain muutama jäljellä', `vain ${N} jäljellä`, 'vähissä', 'poslední kusy?', `posledních ${N}`, 'utolsó darabok?', `már csak ${N}`, `son ${N} (?:ürün|adet)`, 'sınırlı stok',
      'stoc limitat', `ultimele ${N}`, `doar ${N} (?:produse|bucăți)`, 'τελευταία τεμάχια', `μόνο ${N}`, 'كمية محدودة', `متبقي ${N}`, 'מלאי מוגבל', `נותרו ${N}`,
      `เหลือเพียง\\s?${N}`, `เหลือ\\s?${N}\\s?ชิ้น`, 'sắp hết hàng', `chỉ còn ${N}`, 'stok terbatas', `sisa ${N}`, `tersisa ${N}`,
      `仅剩\\s?${N}\\s?[件个台份]?`, `僅剩\\s?${N}`, `只剩\\s?${N}`, `剩余\\s?${N}\\s?件`, '库存紧张', '庫存緊張', '少量库存', '即将售罄', '库存仅剩',
      `残り\\s?${N}\\s?[点個つ]`, '残りわずか', '在庫僅少', '在庫わずか', '품절임박', '한정수량', `${N}개 남음`, `잔여 ?${N}`,
    ]),
  ],
  [
    'in_stock',
    phrases([
      'in stock', 'in-stock', 'instock', 'available', 'ready to ship', 'ships (?:in|within|today|tomorrow)', 'usually ships', 'add to (?:cart|bag|basket)', 'buy now',
      'auf lager', 'sofort lieferbar', 'lieferbar', 'verfügbar', 'vorrätig', 'in den warenkorb', 'jetzt kaufen', 'lieferzeit',
      'en stock', 'disponible', 'ajouter au panier', 'expédié sous', 'en existencia', 'añadir al carrito', 'agregar al carrito',
      'disponibile', 'disponibilità immediata', 'pronta consegna', 'in magazzino', 'aggiungi al carrello', 'em estoque', 'disponível', 'adicionar ao carrinho',
      'dostępn\\p{L}*', 'w magazynie', 'do koszyka', 'в наличии', 'есть на складе', 'в корзину', 'op voorraad', 'leverbaar', 'i lager', 'på lager', 'stokta',
      'varastossa', 'skladem', 'raktáron', 'készleten', '(?:în|in) stoc', 'disponibil', 'σε απόθεμα', 'άμεσα διαθέσιμο', 'διαθέσιμο', 'متوفر', 'متاح', 'במלאי',
      'มีสินค้า', 'พร้อมส่ง', 'còn hàng', 'stok tersedia', 'tersedia', 'ada stok',
      '有货', '有貨', '现货', '現貨', '库存充足', '库存\\s?\\d+', '在售', '加入购物车', '加入購物車', '立即购买', '立即購買', '马上抢',
      '在庫あり', '在庫有り', '在庫有', '即納', 'カートに入れる', '今すぐ買う', '재고 ?있음', '구매 ?가능', '장바구니', '바로구매',
    ]),
  ],
];

/** The availability a piece of page text states, with the phrase that said so, or null. */
export function availabilityFromText(text: string): { availability: Availability; phrase: string } | null {
  const s = text.normalize('NFKC').replace(/\s+/g, ' ');
  for (const [availability, re] of RULES) {
    const m = re.exec(s);
    if (m) return { availability, phrase: m[0].trim() };
  }
  return null;
}
