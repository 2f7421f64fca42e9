// Pure OCOP domain logic shared by the services: no framework, no I/O.
export * from './gs1/gtin';
export * from './gs1/gs1-prefix';
export * from './ocop/product-sets';
export * from './ocop/decision-sets';
export * from './ocop/stars';
export * from './producers/producer-types';
export * from './producers/tax-code';
export * from './products/product-vocabularies';
export * from './text/vietnamese-fold';
export * from './rating';
export * from './gs1/digital-link';
export * from './admin-units/admin-unit-registry';
export * from './gs1/unit-signature';
export * from './gs1/product-code-link';
export * from './calendar/vietnam-calendar';
export * from './calendar/certificate-validity';
