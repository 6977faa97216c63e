export { HealthModule, WorkerHealthModule } from './health.module';
export { WorkerProbes } from './worker-probes';
