/**
 * The disposition an agent records at wrap-up: what kind of contact it was (seed B's three
 * classes), why, about which product and campaign, and whether it was resolved. It feeds the
 * classification, invalid-traffic attribution and first-contact-resolution figures.
 */
import { AppError, type ErrorDetail } from '../../kernel/index.js';

export const CONTACT_CLASSES = ['query', 'consultation', 'complaint'] as const;
export type ContactClass = (typeof CONTACT_CLASSES)[number];

export interface Disposition {
  readonly contactClass: ContactClass;
  readonly reason: string;
  readonly product: string | null;
  readonly campaign: string | null;
  readonly resolved: boolean;
  readonly note: string | null;
}

/** A disposition as a request gives it: product, campaign and note may be left out. */
export type DispositionBody = Pick<Disposition, 'contactClass' | 'reason' | 'resolved'> &
  Partial<Pick<Disposition, 'product' | 'campaign' | 'note'>>;

/** A request's disposition with what it left out set to null. */
export const dispositionOf = (body: DispositionBody): Disposition => ({ product: null, campaign: null, note: null, ...body });

const CODE = /^[\p{L}\p{N}][\p{L}\p{N} _./-]{0,79}$/u;

export const validateDisposition = (d: Disposition): Disposition => {
  const problems: ErrorDetail[] = [];
  if (!(CONTACT_CLASSES as readonly string[]).includes(d.contactClass)) {
    problems.push({ field: 'disposition.contactClass', issue: `must be one of ${CONTACT_CLASSES.join(', ')}` });
  }
  if (!CODE.test(d.reason))
    problems.push({ field: 'disposition.reason', issue: 'must be a short code of letters, digits, space, _ . / -' });
  if (d.product !== null && !CODE.test(d.product)) problems.push({ field: 'disposition.product', issue: 'must be a short code' });
  if (d.campaign !== null && !CODE.test(d.campaign)) problems.push({ field: 'disposition.campaign', issue: 'must be a short code' });
  if (problems.length) throw new AppError('VALIDATION_FAILED', undefined, problems);
  return { ...d, reason: d.reason.trim(), note: d.note?.trim() || null };
};
