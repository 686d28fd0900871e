// Nimbus storefront client: fetches the product for the time the shell was rendered for and
// renders it. Every value goes in through textContent, never innerHTML: titles can hold markup.
(function () {
  'use strict';
  var root = document.getElementById('root');
  if (!root) return;
  var api = root.getAttribute('data-api');
  var simTime = root.getAttribute('data-sim-time');

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  var STOCK = { in_stock: 'In stock', out_of_stock: 'Sold out', preorder: 'Pre-order: ships in 2 weeks', limited: 'Hurry, only {n} left' };
  var SCHEMA = { in_stock: 'InStock', out_of_stock: 'OutOfStock', preorder: 'PreOrder', limited: 'LimitedAvailability' };

  function render(p) {
    document.title = p.name + ' | Nimbus';
    var main = el('main', 'pdp');
    var crumbs = el('nav', 'crumbs');
    var home = el('a', null, 'Nimbus');
    home.href = p.url.replace(/\/product\/.*$/, '/');
    crumbs.appendChild(home);
    main.appendChild(crumbs);

    var img = el('img', 'pdp-image');
    img.src = p.image;
    img.alt = '';
    main.appendChild(img);
    main.appendChild(el('h1', 'pdp-title', p.name));

    var rating = el('div', 'pdp-rating');
    var stars = el('span', 'pdp-stars', '★★★★★'.slice(0, Math.round(p.rating.average)));
    stars.setAttribute('aria-label', p.rating.average + ' out of ' + p.rating.scale + ' stars');
    rating.appendChild(stars);
    rating.appendChild(el('span', 'pdp-rating-value', p.rating.average.toFixed(1)));
    rating.appendChild(el('a', 'pdp-review-count', '(' + p.rating.count + ' reviews)'));
    main.appendChild(rating);

    var price = el('div', 'pdp-price');
    price.appendChild(el('span', 'pdp-price-current', p.price.formatted));
    if (p.compareAt) price.appendChild(el('s', 'pdp-price-compare', p.compareAt.formatted));
    main.appendChild(price);

    if (p.promotions.length) {
      var promos = el('ul', 'pdp-promos');
      p.promotions.forEach(function (promo) {
        promos.appendChild(el('li', 'pdp-promo', promo.text));
      });
      main.appendChild(promos);
    }
    main.appendChild(el('p', 'pdp-stock', STOCK[p.availability].replace('{n}', p.stockLeft)));
    var button = el('button', 'pdp-add', p.availability === 'out_of_stock' ? 'Notify me' : 'Add to bag');
    main.appendChild(button);
    var sku = el('p', 'pdp-sku', 'SKU ');
    sku.appendChild(el('span', 'pdp-sku-value', p.sku));
    main.appendChild(sku);

    root.replaceChildren(main);

    var ld = el('script');
    ld.type = 'application/ld+json';
    ld.textContent = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: p.name,
      sku: p.sku,
      image: p.image,
      url: p.url,
      offers: { '@type': 'Offer', price: (p.price.amount / 100).toFixed(2), priceCurrency: p.price.currency, availability: 'https://schema.org/' + SCHEMA[p.availability] },
      aggregateRating: { '@type': 'AggregateRating', ratingValue: p.rating.average, reviewCount: p.rating.count, bestRating: p.rating.scale },
    });
    document.head.appendChild(ld);
    document.documentElement.setAttribute('data-rendered', 'true');
  }

  fetch(api, { headers: { 'X-RivalWatch-Sim-Time': simTime, Accept: 'application/json' } })
    .then(function (r) {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    })
    .then(render)
    .catch(function (err) {
      root.replaceChildren(el('p', 'pdp-error', 'Could not load this product (' + err.message + ').'));
    });
})();
