interface Closable {
  close(): Promise<void>;
}

/**
 * What a scenario started, closed in reverse order (gateways before the subgraphs they call,
 * subgraphs before their stores). Every close runs even if an earlier one fails, so a failed
 * scenario still leaves no socket or pool that would keep the process alive.
 */
export class Resources {
  private readonly opened: Array<{ name: string; resource: Closable }> = [];

  add<T extends Closable>(name: string, resource: T): T {
    this.opened.push({ name, resource });
    return resource;
  }

  async closeAll(): Promise<void> {
    const failures: string[] = [];
    for (const { name, resource } of this.opened.splice(0).reverse()) {
      await resource.close().catch((error: Error) => failures.push(`${name}: ${error.message}`));
    }
    if (failures.length) throw new Error(`closing failed: ${failures.join('; ')}`);
  }
}
