export { AjarEnvironment, API_DOCS_MODES } from './env.schema';
export type { ApiDocsMode } from './env.schema';
export { validateEnvironment, InvalidEnvironmentError } from './validate-env';
export { AjarConfigModule } from './config.module';
export { trustProxySetting } from './trust-proxy';
