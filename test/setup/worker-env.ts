// Runs before each test file: quiet logs, a known bootstrap token, a fast outbox poll.
process.env.LOG_LEVEL = process.env.AJAR_TEST_LOG_LEVEL ?? 'silent';
process.env.AJAR_BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789abcdef';
process.env.AJAR_OUTBOX_POLL_MS = '50';
process.env.DATABASE_POOL_SIZE = '5';
// Idle pooled connections closed after 10 s, as pg's default: test files keep apps open briefly, and
// many jest workers share one server's max_connections.
process.env.DATABASE_POOL_IDLE_SECONDS = '10';
