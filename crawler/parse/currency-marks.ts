// The ways shops write a currency next to an amount: signs, local abbreviations, currency names
// in the shop's language, and the ISO codes of currencies that have since been replaced.

/**
 * Signs and local abbreviations → the currencies they can mean, most common reading first.
 * Keys are lower-cased with any trailing dot removed ("Rs." → "rs").
 */
const SIGNS: Record<string, string[]> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'MXN', 'CLP', 'ARS', 'COP', 'SGD', 'HKD', 'TWD', 'UYU', 'BRL', 'DOP', 'CUP', 'FJD', 'BSD', 'BBD', 'BZD', 'JMD', 'TTD', 'XCD', 'LRD', 'NAD', 'SBD', 'GYD', 'SRD', 'BMD', 'KYD', 'BND'],
  'us$': ['USD'], usd$: ['USD'], 'u$s': ['USD'], 'c$': ['CAD', 'NIO'], 'ca$': ['CAD'], 'cad$': ['CAD'], 'can$': ['CAD'], 'a$': ['AUD'], 'au$': ['AUD'],
  'nz$': ['NZD'], 'hk$': ['HKD'], 'nt$': ['TWD'], 's$': ['SGD'], 'sg$': ['SGD'], 'r$': ['BRL'], 'mx$': ['MXN'], 'mex$': ['MXN'],
  'mop$': ['MOP'], 'clp$': ['CLP'], 'col$': ['COP'], 'rd$': ['DOP'], 'ar$': ['ARS'], '$u': ['UYU'], 'n$': ['NAD'], 'j$': ['JMD'], 'tt$': ['TTD'],
  'bz$': ['BZD'], '$b': ['BOB'], 't$': ['TOP'], 'cuc$': ['CUC'],
  '¥': ['CNY', 'JPY'], 'cn¥': ['CNY'], 'jp¥': ['JPY'], '元': ['CNY', 'TWD', 'HKD', 'MOP'], 'rmb': ['CNY'], '人民币': ['CNY'], '块': ['CNY'], '円': ['JPY'], '日元': ['JPY'],
  '€': ['EUR'], '欧元': ['EUR'], '£': ['GBP', 'EGP', 'GIP', 'FKP', 'SHP'], 'e£': ['EGP'], '英镑': ['GBP'],
  '₹': ['INR'], 'rs': ['INR', 'PKR', 'LKR', 'NPR', 'MUR', 'SCR'], 'rp': ['IDR'], '₨': ['INR', 'PKR', 'LKR', 'NPR', 'MUR', 'SCR'], '৳': ['BDT'],
  'रु': ['INR', 'NPR'], 'रू': ['NPR', 'INR'],
  '₩': ['KRW', 'KPW'], '원': ['KRW'], '₽': ['RUB'], 'руб': ['RUB'], 'р': ['RUB'], '₺': ['TRY'], 'tl': ['TRY'], '₴': ['UAH'], 'грн': ['UAH'],
  'zł': ['PLN'], 'zl': ['PLN'], 'kč': ['CZK'], 'kc': ['CZK'], 'ft': ['HUF'], 'lei': ['RON', 'MDL'], 'лв': ['BGN'], 'ден': ['MKD'], 'дин': ['RSD'], 'din': ['RSD'],
  'kr': ['SEK', 'NOK', 'DKK', 'ISK'], 'kn': ['HRK'], 'chf': ['CHF'], 'fr': ['CHF'], 'sfr': ['CHF'], '₪': ['ILS'], '฿': ['THB'], 'บาท': ['THB'],
  '₫': ['VND'], 'đ': ['VND'], '₱': ['PHP'], 'rm': ['MYR'], 'r': ['ZAR'], '₦': ['NGN'], 's/': ['PEN'], 'bs': ['VES', 'BOB'], '₡': ['CRC'], '₸': ['KZT'],
  '₾': ['GEL'], 'ლ': ['GEL'], '֏': ['AMD'], '₼': ['AZN'], '؋': ['AFN'], '៛': ['KHR'], '₭': ['LAK'], '₮': ['MNT'], '₲': ['PYG'], 'gs': ['PYG'],
  'b/': ['PAB'], 'lek': ['ALL'], 'ѕm': ['TJS'],
  'kd': ['KWD'], 'د.ك': ['KWD'], 'د.إ': ['AED'], 'ر.س': ['SAR'], 'ر.ق': ['QAR'], 'ر.ع': ['OMR'], 'د.ب': ['BHD'], 'د.ا': ['JOD'], 'د.ت': ['TND'], 'dt': ['TND'],
  'ج.م': ['EGP'], 'دج': ['DZD'], 'د.ج': ['DZD'], 'ع.د': ['IQD'], 'ل.د': ['LYD'], 'ج.س': ['SDG'],
  'ksh': ['KES'], 'tsh': ['TZS'], 'ush': ['UGX'], '₵': ['GHS'], 'fbu': ['BIF'], 'fdj': ['DJF'], 'frw': ['RWF'], 'r₣': ['RWF'], 'nfk': ['ERN'], 'ናቕፋ': ['ERN'], 'ብር': ['ETB'],
};

/**
 * Currency names as shops print them after an amount, in the declensions a count takes
 * ("1128240 рублей", "2963 yen", "6790 Dinara"). A name without an ISO code (the Iranian toman,
 * ten rials) still marks the number as an amount, with no currency.
 */
const DOLLARS = ['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD'];
const RIALS = ['SAR', 'QAR', 'OMR', 'YER'];
const NAMES: Record<string, string[]> = {
  euro: ['EUR'], euros: ['EUR'], yen: ['JPY'], yuan: ['CNY'], dollar: DOLLARS, dollars: DOLLARS, reais: ['BRL'],
  рубль: ['RUB', 'BYN'], рубля: ['RUB', 'BYN'], рублей: ['RUB', 'BYN'], рублів: ['RUB'],
  гривня: ['UAH'], гривні: ['UAH'], гривень: ['UAH'], гривна: ['UAH'], гривен: ['UAH'],
  złotych: ['PLN'], złote: ['PLN'], złoty: ['PLN'], zlotych: ['PLN'], korun: ['CZK'], forint: ['HUF'], forintot: ['HUF'], лева: ['BGN'],
  dinara: ['RSD'], динара: ['RSD'], динар: ['RSD', 'MKD'], тенге: ['KZT'], lari: ['GEL'],
  rupees: ['INR', 'PKR', 'LKR', 'NPR'], rupiah: ['IDR'], baht: ['THB'], ringgit: ['MYR'],
  toman: [], تومان: [], ریال: ['IRR', ...RIALS], ريال: [...RIALS, 'IRR'], جنيه: ['EGP', 'SDG'], نافكا: ['ERN'],
};

export const MARKS: Record<string, string[]> = { ...SIGNS, ...NAMES };

/**
 * ISO 4217 codes of currencies replaced by the euro and others, still printed on old stock and
 * collectors' listings ("DEM 170 000"). Intl no longer knows them. "ESP" is left out: it names
 * chips and Spanish far more often than pesetas.
 */
export const REPLACED_CODES = new Set(['ATS', 'BEF', 'CYP', 'DEM', 'EEK', 'FIM', 'FRF', 'GRD', 'IEP', 'ITL', 'LTL', 'LUF', 'LVL', 'MTL', 'NLG', 'PTE', 'SKK']);
