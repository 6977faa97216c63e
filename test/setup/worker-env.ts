// Runs before each test file: quiet logs, a known bootstrap token, a fast outbox poll.
process.env.LOG_LEVEL = process.env.AJAR_TEST_LOG_LEVEL ?? 'silent';
process.env.AJAR_BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789abcdef';
process.env.AJAR_OUTBOX_POLL_MS = '50';
process.env.DATABASE_POOL_SIZE = '5';
// Idle pooled connections closed after 10 s, as pg's default: test files keep apps open briefly, and
// many jest workers share one server's max_connections.
process.env.DATABASE_POOL_IDLE_SECONDS = '10';
// Rate limits far above what any test sends from one key or from 127.0.0.1; the rate-limit tests
// (test/e2e/platform/rate-limits.e2e-spec.ts) set small ones before starting their apps.
process.env.AJAR_RATE_LIMIT_PER_KEY = '1000000';
process.env.AJAR_RATE_LIMIT_COSTLY_PER_KEY = '1000000';
process.env.AJAR_RATE_LIMIT_PER_IP = '1000000';
process.env.AJAR_RATE_LIMIT_FAILED_AUTH_PER_IP = '1000000';
// Each test's worker listens for /metrics on a free port, so parallel test files do not collide.
process.env.AJAR_WORKER_HTTP_PORT = '0';
