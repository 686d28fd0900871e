// The values alerting passes around: what a rule saw (Signal), what fired (AlertEvent), what the
// outbox keeps (Alert with per-channel Delivery), and the condition state that makes rules re-arm.
import type { Availability, FailureKind, Money, Promotion } from '../../store/model.ts';
import type { Language, RuleKind, Severity } from './config.ts';

export type AlertValue =
  | { type: 'money'; money: Money }
  | { type: 'availability'; availability: Availability }
  | { type: 'rating'; rating: number; scale: number }
  | { type: 'count'; count: number }
  | { type: 'promotion'; promotion: Promotion }
  | { type: 'failure'; kind: FailureKind; reason: string; count: number; httpStatus: number | null };

/** What a message needs to say what happened; every field optional because kinds differ. */
export interface AlertFacts {
  old?: AlertValue | null;
  new?: AlertValue | null;
  /** The price the move is measured against: the previous price or the 7-day average. */
  reference?: 'previous' | 'avg7d';
  /** Signed change relative to the reference, in percent (−8.3 is a drop). */
  changePercent?: number;
  ourPrice?: Money | null;
  /** Our price before conversion, when `ourPrice` was converted at the configured exchange rate. */
  ourPriceOriginal?: Money | null;
  /** How far the competitor is below our price (positive = they are cheaper). */
  gap?: { amount: Money; percent: number } | null;
  floor?: Money | null;
  belowFloor?: boolean;
  /** For a changed promotion: what it was. */
  promotionBefore?: Promotion;
  effectivePrice?: Money | null;
  /** For threshold rules: the bound crossed. */
  bound?: { below?: Money; above?: Money };
  windowDays?: number;
  newReviews?: number;
  reviewGrowthPercent?: number;
  /** For price glitches: what the re-crawl read. */
  recrawled?: Money | null;
}

/**
 * A rule's reading of one listing. A condition holds or not (level null = cleared, so the rule
 * re-arms); an event happened once (a price change, a promotion that started). A rule that cannot
 * tell (a failed crawl, no price) returns no signal, so state is left alone.
 */
export type Signal =
  | { type: 'condition'; condition: string; level: Severity | null; facts: AlertFacts }
  | { type: 'event'; condition: string; occurrence: string; severity: Severity; facts: AlertFacts };

/** Who and what an alert is about, resolved from the listing and our product. */
export interface AlertSubject {
  listingId: string;
  url: string;
  competitor: string;
  sku: string;
  productName: string | null;
  title: string | null;
}

export interface AlertEvent {
  /** Stable identity: rule, subject, condition and episode/occurrence. The outbox never holds two. */
  eventKey: string;
  ruleId: string;
  ruleKind: RuleKind;
  severity: Severity;
  owner: string;
  condition: string;
  at: string;
  subject: AlertSubject;
  facts: AlertFacts;
}

export type DeliveryStatus = 'pending' | 'held' | 'sending' | 'delivered' | 'failed';

export interface Delivery {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  deliveredAt: string | null;
  /** Quiet hours: held until then, then sent in a summary. */
  heldUntil: string | null;
  /** Set when the alert went out inside a summary message. */
  summaryId: string | null;
  /** Sent with every attempt (header / Message-ID), so a receiver can drop a repeat. */
  idempotencyKey: string;
}

/** An alert as the outbox keeps it (document kind 'alert'). */
export interface Alert extends AlertEvent {
  id: string;
  createdAt: string;
  language: Language;
  /** The one-line message in each language, without the link (channels add it their way). */
  messages: Record<Language, string>;
  channels: string[];
  delivery: Record<string, Delivery>;
  ackedAt: string | null;
}

export interface ConditionState {
  level: Severity | null;
  /** Highest level already alerted in this episode; cleared when the condition clears (re-arm). */
  firedLevel: Severity | null;
  episode: number;
  since: string | null;
  lastFiredAt: string | null;
}

/** Condition state of one rule for one subject (document kind 'alert-state'). */
export interface RuleState {
  ruleId: string;
  subject: string;
  conditions: Record<string, ConditionState>;
}

/** A suspicious move the re-crawl did not confirm (document kind 'alert-glitch'). */
export interface GlitchEvent {
  id: string;
  listingId: string;
  field: 'price' | 'effectivePrice';
  /** When the glitch value was recorded (its change point in the history). */
  at: string;
  detectedAt: string;
  previous: Money | null;
  glitch: Money | null;
  recrawled: Money | null;
  reason: string;
}

export const DOC = {
  alert: 'alert',
  state: 'alert-state',
  pending: 'alert-pending',
  glitch: 'alert-glitch',
} as const;
