import { ValidateBy, ValidationOptions, isISO31661Alpha2 } from 'class-validator';

/** Kosovo: user-assigned in ISO 3166-1, used by the EU, the UN lists and OpenSanctions. */
export const KOSOVO = 'XK';

export const COUNTRY_CODE_DESCRIPTION = 'ISO 3166-1 alpha-2 country code (e.g. NL), or XK for Kosovo (user-assigned in ISO 3166-1, used by the EU, the UN lists and OpenSanctions)';

export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && (value.toUpperCase() === KOSOVO || isISO31661Alpha2(value));
}

/** An ISO 3166-1 alpha-2 code or XK (Kosovo); case as class-validator's IsISO31661Alpha2 (any). */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => isCountryCode(value),
        defaultMessage: (args) => `${args?.property ?? 'country'} must be an ISO 3166-1 alpha-2 code or XK (Kosovo)`,
      },
    },
    options,
  );
}
