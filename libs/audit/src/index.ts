export { AuditHttpModule } from './audit.module';
