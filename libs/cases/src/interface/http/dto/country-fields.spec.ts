import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OwnershipLinkDto } from './engine-inputs.dto';
import { OrganisationDto } from './organisation.dto';
import { PartnerDto } from './case-submission.request';

/** Where @nestjs/swagger keeps a property's OpenAPI description. */
function described(type: { prototype: object }, property: string): string | undefined {
  return (Reflect.getMetadata('swagger/apiModelProperties', type.prototype, property) as { description?: string } | undefined)?.description;
}

describe('country fields', () => {
  it.each([
    ['PartnerDto', PartnerDto],
    ['OrganisationDto', OrganisationDto],
    ['OwnershipLinkDto', OwnershipLinkDto],
  ])('%s.country takes XK and says so in the OpenAPI description', (_name, type) => {
    expect(described(type, 'country')).toMatch(/XK.*Kosovo/);
    const errors = validateSync(plainToInstance(type as new () => object, { name: 'Pristina Institute', country: 'XK', type: 'university' }));
    expect(errors.filter((error) => error.property === 'country')).toEqual([]);
  });

  it('other user-assigned or unknown codes are still refused', () => {
    for (const country of ['XX', 'QQ', 'ZZ', 'EU', 'XKX']) {
      const errors = validateSync(plainToInstance(OrganisationDto, { name: 'Somewhere', country }));
      expect(errors.map((error) => error.property)).toEqual(['country']);
    }
  });
});
