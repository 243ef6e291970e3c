/**
 * What {@link loadPhoneMetadata} loads on demand, in one chunk: libphonenumber-js's parser and its
 * numbering plans. Only `phone.ts` imports this module, and only dynamically.
 */
export { parsePhoneNumberFromString as parse } from 'libphonenumber-js/core';
export { default as metadata } from 'libphonenumber-js/metadata.min';
