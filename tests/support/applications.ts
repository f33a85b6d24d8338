/**
 * The seeded license item the end-to-end tests apply for: 旅馆业特种行业许可证核发 of 勉县公安局
 * (catalog seed), and a valid set of its materials.
 */
export const HOTEL_GUIDE = '610725000000TB7250054102';
export const POLICE = '11610725TB7250054A';

/** The smallest file the materials check accepts as a PDF. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

/** Every required material of the guide except M05, which the guide allows to defer (容缺). */
export const MATERIALS = ['M01', 'M02', 'M03', 'M04', 'M06', 'M07'].map((materialId) => ({
  materialId,
  fileName: `${materialId}.pdf`,
  contentType: 'application/pdf',
  contentBase64: PDF,
}));
