// The weekly competitor digest: what the daemon, the API, the CLI and the demo use.
export type * from './types.ts';
export { computeDigest, promotionDepth, DEFAULT_OPTIONS, type DigestInput, type DigestOptions, type ProductInfo } from './compute/index.ts';
export { digestSettings, parseDigestConfig, type DigestSettings, type DigestSection, type DigestFormat, type Language, FORMATS, LANGUAGES } from './config.ts';
export {
  buildDigest,
  getDigest,
  archiveDigest,
  archivedDigest,
  listDigestWeeks,
  renderDigest,
  digestFileName,
  productsOf,
  DigestWeekError,
  CONTENT_TYPES,
  DIGEST_KIND,
  type DigestWeek,
} from './build.ts';
export { renderHtml } from './render/html.ts';
export { renderMarkdown } from './render/markdown.ts';
export { renderCsv, digestTables, type CsvTable } from './render/csv.ts';
export { maybeSendLastWeek, scheduleDigest, SENT_KIND, type SendOutcome, type SentRecord, type DigestScheduler } from './send.ts';
export { deliveriesOf, subjectOf, chatSummary } from './deliver.ts';
export { digestRoutes, type DigestRoutesDeps } from './routes.ts';
export { weekBounds, weekOf, lastCompleteWeek, addWeeks, yearAgoWeek, parseWeekId } from './week.ts';
export { campaignsBetween } from './campaigns.ts';
