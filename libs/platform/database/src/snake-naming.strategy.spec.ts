import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('turns camelCase properties into snake_case columns', () => {
    expect(naming.columnName('streamVersion', undefined, [])).toBe('stream_version');
    expect(naming.columnName('tenantId', undefined, [])).toBe('tenant_id');
    expect(naming.columnName('keyHash', 'custom_name', [])).toBe('custom_name');
  });

  it('keeps acronyms readable', () => {
    expect(naming.columnName('externalRefURL', undefined, [])).toBe('external_ref_url');
  });
});
