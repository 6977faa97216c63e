// Types of scripts/openapi.js, for the tests that import it.
export function fetchServedDocument(options: { databaseUrl: string; skipBuild?: boolean; timeoutMs?: number }): Promise<Record<string, unknown>>;
export function withTemporaryDatabase<T>(run: (databaseUrl: string) => Promise<T>): Promise<T>;
