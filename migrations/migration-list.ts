import type { MigrationInterface } from 'typeorm';
import { InitialSchema1795300907030 } from './1795300907030-InitialSchema';
import { EventsAppendOnly1795300907100 } from './1795300907100-EventsAppendOnly';

/** Every migration, in order. Add each new generated migration here. */
export const migrationList: (new () => MigrationInterface)[] = [InitialSchema1795300907030, EventsAppendOnly1795300907100];
