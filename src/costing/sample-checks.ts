/** The checks of a sample's values, shared by the general reader and its plain-CSV fast path. */
export const MAX_ORDER_KM = 500;
export const MINUTES_PER_DAY = 1440;

/**
 * Why a value cannot be a rider hash, or null. The platform must send a pseudonym (a hex or
 * base64url digest of 16–128 characters), never the phone or ID-card number it hashes: an
 * all-digit value, or anything shaped like a mainland mobile number or resident ID, is refused.
 */
export function riderHashProblem(value: string): string | null {
  const compact = value.replace(/[\s+-]/g, '');
  if (/^(86)?1[3-9]\d{9}$/.test(compact)) return 'riderHash looks like a phone number: send a hash of the rider id, never the number';
  if (/^\d{17}[\dXx]$|^\d{15}$/.test(compact)) return 'riderHash looks like an ID-card number: send a hash of the rider id, never the number';
  if (/^\d+$/.test(compact)) return 'riderHash is all digits: send a hash (hex or base64url), not a number';
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(value)) return 'riderHash must be a hash: 16–128 hex or base64url characters';
  return null;
}

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
