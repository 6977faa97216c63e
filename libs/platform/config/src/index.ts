export { AjarEnvironment } from './env.schema';
export { validateEnvironment, InvalidEnvironmentError } from './validate-env';
export { AjarConfigModule } from './config.module';
export { trustProxySetting } from './trust-proxy';
