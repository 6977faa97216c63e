export { HealthModule, WorkerHealthModule } from './health.module';
export { WorkerHealthServer } from './worker-health.server';
