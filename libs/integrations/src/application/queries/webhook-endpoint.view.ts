/** What the API shows of an endpoint: never its secrets. */
export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string | null;
  /** Empty: every type. */
  eventTypes: string[];
  state: 'enabled' | 'disabled';
  disabledReason: string | null;
  /** Since when every attempt has failed; null while it is healthy. */
  failingSince: string | null;
  /** Until when the previous secret still signs (after a rotation), or null. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookEndpointRow {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  state: 'enabled' | 'disabled';
  disabled_reason: string | null;
  failing_since: Date | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export function toEndpointView(row: WebhookEndpointRow): WebhookEndpointView {
  const expires = row.previous_secret_expires_at;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    state: row.state,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since?.toISOString() ?? null,
    previousSecretExpiresAt: expires !== null && expires > new Date() ? expires.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
