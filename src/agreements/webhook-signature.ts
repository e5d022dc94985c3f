import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How a platform checks that a publication webhook came from Xieshang: HMAC-SHA256 with the
 * organisation's secret over `<timestamp>.<body>`, sent as
 * `X-Xieshang-Timestamp: <unix seconds>` and `X-Xieshang-Signature: sha256=<hex>`.
 * The timestamp in the signed text lets a receiver refuse replays of old deliveries.
 */
export const SIGNATURE_HEADER = 'x-xieshang-signature';
export const TIMESTAMP_HEADER = 'x-xieshang-timestamp';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function isValidWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
