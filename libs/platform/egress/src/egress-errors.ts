/** The destination may not be reached: it is, or resolves to, a non-public address or name. */
export class EgressRefused extends Error {
  readonly code = 'refused';

  constructor(readonly reason: string) {
    super(`Egress refused: ${reason}`);
    this.name = 'EgressRefused';
  }
}

export type EgressFailureCode = 'timeout' | 'dns' | 'connection' | 'tls' | 'protocol';

/** The destination was allowed but the call did not produce a response. */
export class EgressFailed extends Error {
  constructor(
    readonly code: EgressFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EgressFailed';
  }

  /** Sorts a node:http / node:net / node:tls error into a stable code. */
  static from(error: unknown): EgressFailed {
    if (error instanceof EgressFailed) return error;
    const code = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? '') : '';
    const message = error instanceof Error ? error.message : String(error);
    return new EgressFailed(failureCode(code), code ? `${code}: ${message}` : message, { cause: error });
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'ENODATA', 'ESERVFAIL']);
const TLS_CODES = new Set([
  'EPROTO',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function failureCode(code: string): EgressFailureCode {
  if (DNS_CODES.has(code)) return 'dns';
  if (TLS_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.startsWith('CERT_')) {
    return 'tls';
  }
  // llhttp parse errors: the peer answered, but not with HTTP/1.1.
  if (code.startsWith('HPE_')) return 'protocol';
  return 'connection';
}
