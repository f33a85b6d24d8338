import type { FileRef } from '../../../subgraphs/catalog/guide/content.ts';
import type { SeedFile } from '../types.ts';
import { fileRefOf } from '../../../subgraphs/catalog/guide/files.ts';

/**
 * Collects the files a seed build makes, once each: files are content-addressed, so a form shared
 * by several guides is stored once, under the name it was first added with.
 */
export class FileStore {
  private readonly files = new Map<string, SeedFile>();

  add(name: string, mediaType: string, bytes: Buffer): FileRef {
    const ref = fileRefOf(name, mediaType, bytes);
    if (!this.files.has(ref.id)) this.files.set(ref.id, { ref, bytes });
    return ref;
  }

  has(id: string): boolean {
    return this.files.has(id);
  }

  /** In the order first added, which a deterministic build keeps stable. */
  list(): SeedFile[] {
    return [...this.files.values()];
  }
}
