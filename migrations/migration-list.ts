import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795301812049 } from './1795301812049-InitialSchema';
import { AuditTablesAppendOnly1795301812100 } from './1795301812100-AuditTablesAppendOnly';
import { PoliciesAndCalls1795303258662 } from './1795303258662-PoliciesAndCalls';

/** Every migration, in order. Add each new generated migration here. */
export const migrationList: (new () => MigrationInterface)[] = [
  InitialSchema1795301812049,
  AuditTablesAppendOnly1795301812100,
  PoliciesAndCalls1795303258662,
];
