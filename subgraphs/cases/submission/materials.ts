import { createHash } from 'node:crypto';
import type { GuideMaterial } from '../datasources/catalog.ts';
import type { MaterialFile } from '../repository.ts';

/** A material file as the client sends it (GraphQL MaterialUpload). */
export interface MaterialUploadInput {
  materialId: string;
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface FieldProblem {
  field: string;
  reason: string;
}

/** At most this many files in one submission or correction: a guide lists far fewer materials. */
export const MAX_UPLOADS = 50;
const MAX_FILE_NAME = 200;

/**
 * The types an application accepts, recognised by their first bytes, not by the name or the
 * declared type: a file that says PDF and is not one is refused. OFD (GB/T 33190, the national
 * layout format) is a ZIP container.
 */
const SIGNATURES: ReadonlyArray<{ type: string; magic: readonly number[] }> = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'application/ofd', magic: [0x50, 0x4b, 0x03, 0x04] },
];
export const ACCEPTED_TYPES = SIGNATURES.map((signature) => signature.type);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function sniff(content: Buffer): string | null {
  return SIGNATURES.find(({ magic }) => magic.every((byte, i) => content[i] === byte))?.type ?? null;
}

/**
 * Decodes and checks uploaded files against the guide's material list. Returns the files ready to
 * store, or the first problem naming the field (`input.materials[2].contentBase64` …).
 */
export function checkUploads(
  uploads: readonly MaterialUploadInput[],
  guideMaterials: readonly GuideMaterial[],
  maxBytes: number,
  field: string,
): { files: MaterialFile[] } | FieldProblem {
  if (uploads.length > MAX_UPLOADS) return { field, reason: `should have at most ${MAX_UPLOADS} files` };
  const byId = new Map(guideMaterials.map((material) => [material.id, material]));
  const files: MaterialFile[] = [];
  for (const [i, upload] of uploads.entries()) {
    const at = `${field}[${i}]`;
    const material = byId.get(upload.materialId);
    if (material === undefined) {
      return { field: `${at}.materialId`, reason: `is not a material of this guide (${[...byId.keys()].join(', ') || 'none listed'})` };
    }
    const fileName = upload.fileName.trim();
    if (fileName === '' || fileName.length > MAX_FILE_NAME || /[\\/\u0000-\u001f]/.test(fileName)) {
      return { field: `${at}.fileName`, reason: `should be a plain file name of 1–${MAX_FILE_NAME} characters` };
    }
    if (!ACCEPTED_TYPES.includes(upload.contentType)) {
      return { field: `${at}.contentType`, reason: `should be one of ${ACCEPTED_TYPES.join(', ')}` };
    }
    // Checked before decoding, so an oversized upload costs no decode: base64 is 4 characters per 3 bytes.
    if (upload.contentBase64.length > Math.ceil(maxBytes / 3) * 4) {
      return { field: `${at}.contentBase64`, reason: `the file should be at most ${maxBytes} bytes` };
    }
    if (upload.contentBase64.length % 4 !== 0 || !BASE64.test(upload.contentBase64)) {
      return { field: `${at}.contentBase64`, reason: 'should be standard base64' };
    }
    const content = Buffer.from(upload.contentBase64, 'base64');
    if (content.length === 0) return { field: `${at}.contentBase64`, reason: 'the file is empty' };
    if (content.length > maxBytes) return { field: `${at}.contentBase64`, reason: `the file should be at most ${maxBytes} bytes` };
    const actual = sniff(content);
    if (actual !== upload.contentType) {
      return { field: `${at}.contentType`, reason: actual === null ? 'the content is not a PDF, JPEG, PNG or OFD file' : `the content is ${actual}` };
    }
    files.push({
      materialId: material.id,
      name: material.name,
      fileName,
      contentType: upload.contentType,
      content,
      sha256: createHash('sha256').update(content).digest('hex'),
    });
  }
  return { files };
}

/**
 * Which required materials are missing: the ones 容缺受理 allows go into `deferred`; any other one
 * is a problem. Conditional materials (情形) are the applicant's call and never required here.
 */
export function missingMaterials(
  handedIn: ReadonlySet<string>,
  guideMaterials: readonly GuideMaterial[],
  field: string,
): { deferred: string[] } | FieldProblem {
  const deferred: string[] = [];
  for (const material of guideMaterials) {
    if (material.requirement !== 'REQUIRED' || handedIn.has(material.id)) continue;
    if (!material.deferrable) return { field, reason: `required material ${material.id} (${material.name}) is missing and the guide does not allow 容缺受理 for it` };
    deferred.push(material.name);
  }
  return { deferred };
}

/** The 容缺 materials a case still lacks, from the names it has (cases keep names, as records do). */
export function deferredMaterials(materialNames: readonly string[], guideMaterials: readonly GuideMaterial[]): string[] {
  const names = new Set(materialNames);
  const handedIn = new Set(guideMaterials.filter((material) => names.has(material.name)).map((material) => material.id));
  const missing = missingMaterials(handedIn, guideMaterials, 'materials');
  return 'deferred' in missing ? missing.deferred : [];
}
