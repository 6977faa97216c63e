import { Test } from '@nestjs/testing';
import { InvalidEnvironmentError } from '@ajar/config';
import { ApiModule } from '../../../apps/api/src/api.module';
import { WorkerModule } from '../../../apps/worker/src/worker.module';

// Its own file: a refused boot leaves half-built global modules behind in this process, as it
// would in a real one (which then exits).
describe('boot configuration', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it.each([
    ['api', ApiModule],
    ['worker', WorkerModule],
  ])('the %s refuses to boot with invalid variables and names each of them', async (_name, module) => {
    process.env.PORT = 'eighty';
    process.env.REDIS_URL = 'http://not-redis';
    process.env.AJAR_BOOTSTRAP_TOKEN = 'too-short';
    const boot = Test.createTestingModule({ imports: [module] }).compile();
    const error = await boot.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as Error).message;
    expect(message).toMatch(/PORT: .*PORT must be an integer number.*\(got "eighty"\)/);
    expect(message).toContain('REDIS_URL: REDIS_URL must be a redis:// or rediss:// URL (got "http://not-redis")');
    expect(message).toContain('AJAR_BOOTSTRAP_TOKEN: AJAR_BOOTSTRAP_TOKEN must be at least 24 characters (got [hidden])');
  });
});
