import type { Resolvers } from '../generated/resolvers-types.ts';
import { LEGAL_LEVEL_NAMES } from '../guide/content.ts';

/** Resolvers of the guide's element types that are not plain copies of the stored content. */
export const LegalBasis: Resolvers['LegalBasis'] = {
  levelName: (basis) => LEGAL_LEVEL_NAMES[basis.level],
};

export const FormFile: Resolvers['FormFile'] = {
  url: (file, _args, { publicUrl }) => `${publicUrl.replace(/\/$/, '')}/files/${file.id}`,
};

export const Situation: Resolvers['Situation'] = {
  materials: (situation) => situation.item.materials.filter((material) => situation.materialIds.includes(material.id)),
};
