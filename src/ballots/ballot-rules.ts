import { createHash, randomBytes } from 'node:crypto';
import { VoteTally } from '../negotiations/ratification';

/**
 * The rules of a ballot by the workers themselves (集体合同规定 art. 36), apart from the art. 36
 * arithmetic itself, which stays in negotiations/ratification.ts and is applied by the machine
 * to the tally computed here.
 */
export type BallotBody = 'all_workers' | 'delegates';
export const BALLOT_BODIES: readonly BallotBody[] = ['all_workers', 'delegates'];

export type BallotChoice = 'for' | 'against' | 'abstain';
export const BALLOT_CHOICES: readonly BallotChoice[] = ['for', 'against', 'abstain'];

/** The counters of one ballot: how many ballots each choice received. */
export interface ChoiceCounts {
  inFavour: number;
  against: number;
  abstained: number;
}

/** The counters' column for a choice (choices are counters, never rows: see ballot-choices.entity.ts). */
export const COUNTER_OF: Record<BallotChoice, keyof ChoiceCounts> = { for: 'inFavour', against: 'against', abstain: 'abstained' };

/**
 * The tally fed to the machine at the close: everyone who cast a ballot was present
 * (a ballot of `abstain` is a worker who took part and abstained).
 */
export function tallyOf(eligible: number, counts: ChoiceCounts): VoteTally {
  const { inFavour, against, abstained } = counts;
  return { eligible, present: inFavour + against + abstained, inFavour, against, abstained };
}

/** CLOSE_BALLOT before the deadline: only when nobody on the roll can still vote. */
export const everyoneHasVoted = (b: { eligible: number; cast: number }): boolean => b.cast >= b.eligible;

/** A ballot is open until the end of `closesOn` (the `ballotClose` deadline), or until closed. */
export const isOpenAt = (b: { closedAt: string | null; closesAt: string }, at: Date): boolean =>
  b.closedAt === null && at.getTime() <= new Date(b.closesAt).getTime();

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: read off a phone and typed back

/** A random receipt, e.g. `7KQ4-M2XD-9TFA-HW3P` (16 symbols of 31: 79 bits). Only its hash is stored. */
export function newReceipt(): string {
  let symbols = '';
  while (symbols.length < 16)
    for (const b of randomBytes(16)) {
      // bytes from 248 up would favour the first symbols: drawn again
      if (b < 248 && symbols.length < 16) symbols += RECEIPT_ALPHABET[b % RECEIPT_ALPHABET.length];
    }
  return symbols.match(/.{4}/g)!.join('-');
}

/**
 * The receipt as typed back (any case, spaces or dashes) in the form the voter was given,
 * `7KQ4-M2XD-9TFA-HW3P`; what cannot be a receipt stays as typed (and matches none).
 */
export function normalizeReceipt(typed: string): string {
  const symbols = typed.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return symbols.length === 16 ? symbols.match(/.{4}/g)!.join('-') : typed;
}

/**
 * SHA-256 hex of the receipt exactly as the voter was given it (API.md: "sha256 hex of each
 * receipt"), whatever way it is typed back: what the published list holds.
 */
export const receiptHash = (receipt: string): string => createHash('sha256').update(normalizeReceipt(receipt)).digest('hex');

/** How ballots closed before session 6 hashed a receipt: its 16 symbols without the dashes. */
export const legacyReceiptHash = (receipt: string): string => createHash('sha256').update(normalizeReceipt(receipt).replace(/-/g, '')).digest('hex');

/**
 * What the close puts on the chain: the SHA-256 of the receipt hashes, sorted, one per line
 * (each followed by "\n"). Anyone holding the published list can recompute it.
 */
export function receiptsDigest(hashes: Iterable<string>): string {
  const digester = receiptsDigester();
  for (const h of [...hashes].sort()) digester.add(h);
  return digester.digest();
}

/** receiptsDigest over hashes fed one by one, already in order (a roll of 10⁶ read page by page). */
export function receiptsDigester(): { add(hash: string): void; digest(): string } {
  const hash = createHash('sha256');
  return { add: (h) => void hash.update(`${h}\n`), digest: () => hash.digest('hex') };
}

/** Why a list of delegates cannot be a roll: repeats, and people who are not covered workers. */
export function delegateProblems(userIds: string[], coveredWorkerOf: Map<string, string>): string[] {
  const problems: string[] = [];
  const seenWorkers = new Map<string, string>();
  userIds.forEach((userId, i) => {
    if (userIds.indexOf(userId) !== i) {
      problems.push(`delegates[${i}]: ${userId} is named twice`);
      return;
    }
    const workerId = coveredWorkerOf.get(userId);
    if (!workerId) {
      problems.push(`delegates[${i}]: ${userId} is not the account of a worker this negotiation covers`);
      return;
    }
    // two accounts of one worker would give that worker two ballots
    if (seenWorkers.has(workerId)) problems.push(`delegates[${i}]: ${userId} is the same worker as ${seenWorkers.get(workerId)}`);
    else seenWorkers.set(workerId, userId);
  });
  return problems;
}

/** RECORD_VOTE (a congress in a hall): the count must be of the roll, not of a number typed in. */
export function rollMismatch(eligible: number, roll: number, body: BallotBody): string | null {
  if (eligible === roll) return null;
  return body === 'delegates'
    ? `eligible is ${eligible} but ${roll} delegates are named`
    : `eligible is ${eligible} but the scope covers ${roll} workers`;
}
