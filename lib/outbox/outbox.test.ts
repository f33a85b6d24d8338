import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../../tests/support/stores.ts';
import { postgresUrl } from '../../tests/support/services.ts';
import { createLogger } from '../logger.ts';
import { createOutboxDispatcher, enqueue, PermanentDeliveryError, type OutboxDispatcher, type OutboxMessage, type OutboxOptions } from './outbox.ts';

const DDL = readFileSync(fileURLToPath(new URL('./outbox.sql', import.meta.url)), 'utf8');
const logger = createLogger('silent');

const kinds = ['pglite', ...(postgresUrl() ? ['postgres' as const] : [])] as const;

describe.each(kinds)('the transactional outbox (%s)', (kind) => {
  let test: TestStore;
  let dispatcher: OutboxDispatcher | undefined;
  afterEach(async () => {
    await dispatcher?.close();
    dispatcher = undefined;
    await test?.dispose();
  });

  async function open(handler: (message: OutboxMessage) => Promise<void>, maxAttempts = 3, lanes: Pick<OutboxOptions, 'laneOf' | 'parallelLanes'> = {}) {
    test = await openTestStore(kind);
    await test.store.exec(`CREATE SCHEMA IF NOT EXISTS ${test.store.schema};\n${DDL}`);
    dispatcher = createOutboxDispatcher({ store: test.store, handlers: { topic: handler }, logger, retryBaseMs: 10, maxAttempts, pollMs: 20, ...lanes });
    return dispatcher;
  }

  it('delivers only what committed, in order, once', async () => {
    const seen: string[] = [];
    const outbox = await open(async (message) => void seen.push(message.messageKey));
    await test.store.transaction(async (tx) => {
      await enqueue(tx, 'topic', 'a', { n: 1 });
      await enqueue(tx, 'topic', 'b', { n: 2 });
    });
    await test.store
      .transaction(async (tx) => {
        await enqueue(tx, 'topic', 'rolled-back', {});
        throw new Error('abort');
      })
      .catch(() => {});
    await outbox.drain();
    await outbox.drain();
    expect(seen).toEqual(['a', 'b']);
    expect(await outbox.counts()).toEqual({ PENDING: 0, DELIVERED: 2, DEAD: 0 });
  });

  it('enqueues a message key once however often the same change is retried', async () => {
    const outbox = await open(async () => {});
    await test.store.transaction((tx) => enqueue(tx, 'topic', 'same', { n: 1 }));
    await test.store.transaction((tx) => enqueue(tx, 'topic', 'same', { n: 1 }));
    expect((await outbox.counts()).PENDING).toBe(1);
  });

  it('retries a failing delivery with backoff and succeeds once the receiver is back', async () => {
    let calls = 0;
    const outbox = await open(async () => {
      calls += 1;
      if (calls < 3) throw new Error('receiver down');
    }, 5);
    await test.store.transaction((tx) => enqueue(tx, 'topic', 'k', {}));
    await expect.poll(async () => (await outbox.counts()).DELIVERED, { timeout: 5_000, interval: 20 }).toBe(1);
    expect(calls).toBe(3);
  });

  it('dead-letters after the last attempt, and at once for a permanent refusal', async () => {
    const outbox = await open(async (message) => {
      if (message.messageKey === 'refused') throw new PermanentDeliveryError('bad payload');
      throw new Error('still down');
    }, 2);
    await test.store.transaction(async (tx) => {
      await enqueue(tx, 'topic', 'refused', {});
      await enqueue(tx, 'topic', 'flaky', {});
    });
    await expect.poll(async () => (await outbox.counts()).DEAD, { timeout: 5_000, interval: 20 }).toBe(2);
    const { rows } = await test.store.query<{ message_key: string; attempts: number; last_error: string }>(
      'SELECT message_key, attempts, last_error FROM outbox ORDER BY id',
    );
    expect(rows).toEqual([
      { message_key: 'refused', attempts: 1, last_error: 'bad payload' },
      { message_key: 'flaky', attempts: 2, last_error: 'still down' },
    ]);
  });

  describe('lanes', () => {
    const byLetter = { laneOf: (message: OutboxMessage) => message.messageKey[0]!, parallelLanes: 4 };

    /** A receiver that holds a1 until released, and the keys it has taken, in order. */
    async function holdingA1(keys: string[], lanes: Pick<OutboxOptions, 'laneOf' | 'parallelLanes'> = {}) {
      const seen: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const outbox = await open(async (message) => {
        if (message.messageKey === 'a1') await gate;
        seen.push(message.messageKey);
      }, 3, lanes);
      await test.store.transaction(async (tx) => {
        for (const key of keys) await enqueue(tx, 'topic', key, {});
      });
      return { outbox, seen, release };
    }

    it('delivers other lanes while one waits, and each lane in the order written', async () => {
      const { outbox, seen, release } = await holdingA1(['a1', 'b1', 'a2', 'c1', 'b2'], byLetter);
      outbox.kick();
      // a1 is held: lanes b and c are delivered all the same, a2 waits behind a1.
      await expect.poll(() => [...seen].sort(), { timeout: 5_000, interval: 10 }).toEqual(['b1', 'b2', 'c1']);
      expect(seen.indexOf('b1')).toBeLessThan(seen.indexOf('b2'));
      release();
      await expect.poll(() => seen.length, { timeout: 5_000, interval: 10 }).toBe(5);
      expect(seen.slice(3)).toEqual(['a1', 'a2']);
    });

    it('flushes one message without waiting for the other lanes', async () => {
      const { outbox, seen, release } = await holdingA1(['a1', 'b1'], byLetter);
      expect(await outbox.flush(5_000, { topic: 'topic', messageKey: 'b1' })).toBe(true);
      expect(seen).toEqual(['b1']);
      // a1 is still held: waiting for everything due times out.
      expect(await outbox.flush(100)).toBe(false);
      release();
      expect(await outbox.flush(5_000, { topic: 'topic', messageKey: 'a1' })).toBe(true);
      expect(seen).toEqual(['b1', 'a1']);
      expect(await outbox.flush(5_000, { topic: 'topic', messageKey: 'a1' })).toBe(true); // attempted already: at once
    });

    it('without lanes, one at a time: a held message holds everything behind it', async () => {
      const { outbox, seen, release } = await holdingA1(['a1', 'b1']);
      expect(await outbox.flush(100)).toBe(false);
      expect(seen).toEqual([]);
      release();
      await expect.poll(() => seen, { timeout: 5_000, interval: 10 }).toEqual(['a1', 'b1']);
    });
  });

  describe('flush', () => {
    it('answers once what was due has been delivered', async () => {
      const seen: string[] = [];
      const outbox = await open(async (message) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        seen.push(message.messageKey);
      });
      await test.store.transaction(async (tx) => {
        await enqueue(tx, 'topic', 'a', {});
        await enqueue(tx, 'topic', 'b', {});
      });
      expect(await outbox.flush(5_000)).toBe(true);
      expect(seen).toEqual(['a', 'b']);
      expect(await outbox.counts()).toEqual({ PENDING: 0, DELIVERED: 2, DEAD: 0 });
    });

    it('answers at once when nothing is due, and only kicks with no time to wait', async () => {
      const seen: string[] = [];
      const outbox = await open(async (message) => void seen.push(message.messageKey));
      expect(await outbox.flush(5_000)).toBe(true);
      await test.store.transaction((tx) => enqueue(tx, 'topic', 'kicked', {}));
      expect(await outbox.flush(0)).toBe(false);
      await expect.poll(() => seen, { timeout: 5_000, interval: 10 }).toEqual(['kicked']);
    });

    it('gives up waiting after the timeout and delivers in the background', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const outbox = await open(() => gate);
      await test.store.transaction((tx) => enqueue(tx, 'topic', 'slow', {}));
      const started = Date.now();
      expect(await outbox.flush(150)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2_000);
      release();
      await expect.poll(async () => (await outbox.counts()).DELIVERED, { timeout: 5_000, interval: 20 }).toBe(1);
    });

    it('does not wait out the timeout for a receiver that is down: the attempt failed, the retry is scheduled', async () => {
      const outbox = await open(async () => {
        throw new Error('receiver down');
      }, 5);
      await test.store.transaction((tx) => enqueue(tx, 'topic', 'down', {}));
      const started = Date.now();
      expect(await outbox.flush(10_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
      const { rows } = await test.store.query<{ state: string; attempts: number }>('SELECT state, attempts FROM outbox');
      expect(rows[0]).toMatchObject({ state: 'PENDING' });
      expect(rows[0]!.attempts).toBeGreaterThanOrEqual(1);
    });

    it('releases a waiter when the dispatcher closes', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const outbox = await open(() => gate);
      await test.store.transaction((tx) => enqueue(tx, 'topic', 'stuck', {}));
      const waiting = outbox.flush(60_000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closing = outbox.close();
      expect(await waiting).toBe(false);
      release();
      await closing;
    });
  });
});
