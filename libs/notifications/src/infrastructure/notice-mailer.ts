import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { AjarEnvironment } from '@ajar/config';

export interface NoticeMail {
  to: string;
  subject: string;
  text: string;
  /** `<eventId.keyId@ajar>`: stable per event and recipient, so a resend is recognisable. */
  messageId: string;
}

/** What an SMTP refusal or failure leaves for the operator: short, and without credentials. */
export class NoticeMailFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NoticeMailFailed';
  }
}

const LAST_ERROR_CHARS = 500;

/**
 * One pooled nodemailer SMTP transport from `AJAR_SMTP_URL`, or none when it is unset (then
 * `enabled` is false and nothing is sent). The URL may carry user:password: it is never logged,
 * and failures are reported through `NoticeMailFailed` with the credentials scrubbed.
 * Closed at application shutdown, after the queue workers have finished their jobs.
 */
@Injectable()
export class NoticeMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(NoticeMailer.name);
  private readonly transport?: Transporter;
  private readonly from: string;
  private readonly secrets: string[];

  constructor(env: AjarEnvironment) {
    this.from = env.AJAR_MAIL_FROM;
    this.secrets = credentialsOf(env.AJAR_SMTP_URL);
    if (env.AJAR_SMTP_URL) {
      this.transport = createTransport({
        pool: true,
        url: env.AJAR_SMTP_URL,
        maxConnections: 5,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
        // Messages are built from strings here; never let a field pull in a file or a URL.
        disableFileAccess: true,
        disableUrlAccess: true,
        logger: false,
      });
      this.logger.log(`notices are e-mailed through ${describeServer(env.AJAR_SMTP_URL)}`);
    }
  }

  /** Whether SMTP is configured; without it notices are not e-mailed. */
  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(mail: NoticeMail): Promise<void> {
    if (!this.transport) throw new NoticeMailFailed('AJAR_SMTP_URL is not set');
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      });
    } catch (error) {
      throw new NoticeMailFailed(this.reasonOf(error));
    }
  }

  /** The server's answer (or the client's failure), truncated, with any credential removed. */
  reasonOf(error: unknown): string {
    const details = error as { message?: unknown; code?: unknown; responseCode?: unknown };
    const parts = [
      typeof details.code === 'string' ? details.code : undefined,
      typeof details.responseCode === 'number' ? String(details.responseCode) : undefined,
      typeof details.message === 'string' ? details.message : String(error),
    ].filter((part): part is string => part !== undefined && part !== '');
    return scrub(parts.join(' '), this.secrets).slice(0, LAST_ERROR_CHARS);
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** The user name and password of an SMTP URL, raw and decoded; what `scrub` removes. */
export function credentialsOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    const parsed = new URL(url);
    // A password is removed however short; a user name only when it cannot be an ordinary word part.
    const passwords = parsed.password ? [parsed.password, safeDecode(parsed.password)] : [];
    const users = parsed.username.length >= 3 ? [parsed.username, safeDecode(parsed.username)] : [];
    return [...new Set([url, ...passwords, ...users])].filter((part) => part.length > 0).sort((a, b) => b.length - a.length);
  } catch {
    return [url];
  }
}

/** Removes every credential from a message, and squeezes it onto one line. */
export function scrub(message: string, secrets: readonly string[]): string {
  let clean = message;
  for (const secret of secrets) clean = clean.split(secret).join('[redacted]');
  return clean.replace(/\s+/g, ' ').trim();
}

/** Host and port of an SMTP URL, for the log: never its credentials. */
function describeServer(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'the configured SMTP server';
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
