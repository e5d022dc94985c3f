/**
 * A domain rule said no. Each carries a stable code; DomainErrorFilter turns it into HTTP.
 */
export type DomainErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;

export class DomainError extends Error {
  constructor(
    readonly status: DomainErrorStatus,
    readonly code: string,
    message: string | string[],
    readonly extra: Record<string, unknown> = {},
    /** Response headers that belong to the answer (Retry-After of a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(Array.isArray(message) ? message.join('; ') : message);
    this.details = Array.isArray(message) ? message : [message];
  }
  readonly details: string[];
}

export const notFound = (what: string) => new DomainError(404, `${what.toUpperCase()}.NOT_FOUND`, `${what} not found`);
export const forbidden = (code: string, message: string) => new DomainError(403, code, message);
export const unprocessable = (code: string, message: string | string[]) => new DomainError(422, code, message);
export const badRequest = (code: string, message: string | string[]) => new DomainError(400, code, message);
