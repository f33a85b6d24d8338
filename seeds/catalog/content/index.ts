export { buildGuideContent, buildItemContent, SAMPLE_REVIEWED_ON } from './build.ts';
export type { GuideAgency, GuideIdentity, ItemBase } from './build.ts';
export { PLANTED_DEFECTS } from './defects.ts';
export type { PlantedDefect } from './defects.ts';
export { FileStore } from './fileStore.ts';
