// Runs before each test file: quiet logs, a known bootstrap token, a fast outbox poll.
process.env.LOG_LEVEL = process.env.AJAR_TEST_LOG_LEVEL ?? 'silent';
process.env.AJAR_BOOTSTRAP_TOKEN = 'test-bootstrap-token-0123456789abcdef';
process.env.AJAR_OUTBOX_POLL_MS = '50';
process.env.DATABASE_POOL_SIZE = '5';
