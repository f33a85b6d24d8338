export * from './check.ts';
export * from './citizenId.ts';
export * from './organizationCode.ts';
export * from './uscc.ts';
export * from './region.ts';
export * from './basicCode.ts';
export * from './implementationCode.ts';
export * from './certificateId.ts';
