// Which buttons buy the product: the add-to-cart / buy-now control is the second anchor of the
// product's area (after its title), and its state says something about stock.
import type { Element } from './dom.ts';

/** Add-to-cart and buy-now labels: the basket word of each language, or a buy verb. */
const BUY_WORDS =
  /add[\s_-]*to[\s_-]*(?:cart|bag|basket|trolley)|addtocart|add-?to-?cart|buy[\s_-]*(?:it[\s_-]*)?now|buy-?box|(?:btn|button)[\s_-]*buy|buy[\s_-]*(?:btn|button)|pre-?order|warenkorb|einkaufswagen|panier|(?<!\p{L})(?:cesta|cesto|carrello|carrinho|carrito|carro|sacola|koszyk\p{L}*|košík\p{L}*|kosár\p{L}*|coș|cos(?:ul)?|sepet\p{L}*|winkelwagen|varukorg|kurv|handlekurv|ostoskori\p{L}*|корзин\p{L}*|кошик\p{L}*|καλάθι|giỏ hàng|keranjang|ตะกร้า|السلة)(?!\p{L})|(?<!\p{L})(?:jetzt |sofort )?kaufen(?!\p{L})|(?<!\p{L})(?:acheter|comprar|compra ora|kup teraz|купить|vorbestellen|précommander)(?!\p{L})|加入购物车|加入購物車|购物车|立即购买|立即購買|马上抢|立即抢购|カートに入れる|今すぐ買う|予約する|장바구니|바로구매/iu;

/** Form actions that put something in a cart. */
const CART_ACTION = /cart|basket|bag|warenkorb|panier|carrito|carrello|koszyk|winkelwagen|buy|checkout/i;

/** 'labelled' when its words say add-to-cart or buy; 'form' when it only submits a cart form. */
export function buyButtonKind(el: Element, text: string | null): 'labelled' | 'form' | null {
  const a = el.attribs;
  const name = el.name;
  const clickable =
    name === 'button' || (name === 'input' && /^(?:submit|button|image)$/i.test(a.type ?? '')) || name === 'a' || a.role === 'button';
  if (!clickable) return null;
  const label = `${a.id ?? ''} ${a.name ?? ''} ${a.class ?? ''} ${a.value ?? ''} ${a['aria-label'] ?? ''} ${a['data-action'] ?? ''} ${text ?? ''}`;
  if (BUY_WORDS.test(label)) return 'labelled';
  // A submit button of a form that posts to the cart is the buy button whatever it says ("Sold out").
  if (name === 'a' || (a.type && !/^(?:submit|image)$/i.test(a.type))) return null;
  for (let p = el.parent as Element | null, i = 0; p && p.type === 'tag' && i < 8; p = p.parent as Element | null, i++) {
    if (p.name === 'form') return CART_ACTION.test(p.attribs.action ?? '') ? 'form' : null;
  }
  return null;
}
