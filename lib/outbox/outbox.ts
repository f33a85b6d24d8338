import type { Queryable, Store } from '../db/store.ts';
import type { Logger } from '../logger.ts';

/**
 * A transactional outbox. A subgraph that must tell another service about a change (the cases
 * subgraph recording a result in the results subgraph; next, applications delivered to
 * departmental systems) writes the message with `enqueue` inside the transaction of the change:
 * both commit or neither does, so a message is never lost and never announces a change that was
 * rolled back. The dispatcher delivers after commit, at least once, retrying with exponential
 * backoff, and dead-letters a message after `maxAttempts` so one poisoned message cannot block
 * the rest. Receivers must therefore be idempotent on `messageKey`.
 *
 * Claiming is a short UPDATE with a lease (FOR UPDATE SKIP LOCKED), not a transaction held open
 * across the delivery: on the embedded PGlite store every statement shares one connection, and
 * a transaction open for a network round trip would stall the whole subgraph.
 */

export interface OutboxMessage {
  id: number;
  topic: string;
  messageKey: string;
  payload: unknown;
  attempts: number;
}

/** Thrown by a handler for a message that will never be accepted: it goes straight to DEAD. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

export type OutboxHandler = (message: OutboxMessage) => Promise<void>;

export async function enqueue(tx: Queryable, topic: string, messageKey: string, payload: unknown): Promise<void> {
  // ON CONFLICT: a retried transaction that enqueues the same message again must not fail or duplicate it.
  await tx.query(
    `INSERT INTO outbox (topic, message_key, payload) VALUES ($1, $2, $3::jsonb) ON CONFLICT (topic, message_key) DO NOTHING`,
    [topic, messageKey, JSON.stringify(payload)],
  );
}

export interface OutboxOptions {
  store: Store;
  handlers: Readonly<Record<string, OutboxHandler>>;
  logger: Logger;
  /** First retry delay; doubles with each attempt. */
  retryBaseMs: number;
  maxAttempts: number;
  /** How often pending messages are looked for when nothing kicks the dispatcher. */
  pollMs?: number;
  leaseMs?: number;
  batchSize?: number;
  /**
   * Which messages must keep their order: messages of one lane are delivered one after another,
   * in the order they were written; different lanes are delivered side by side, up to
   * `parallelLanes` at a time. Without it, everything is one lane (strictly one at a time).
   */
  laneOf?: (message: OutboxMessage) => string;
  parallelLanes?: number;
}

export interface OutboxDispatcher {
  /** Deliver what is due now, soon; called after a commit that enqueued something. */
  kick(): void;
  /** Delivers everything due now and resolves when done (tests, shutdown). */
  drain(): Promise<void>;
  /**
   * Delivers what is due now and waits at most `timeoutMs` for it: true once every message that
   * was due when it was called has been attempted (delivered, dead-lettered, or put back for a
   * retry), false when the time ran out first (delivery goes on in the background). With `only`,
   * waits for that one message (and so for the messages of its lane ahead of it), not for the
   * other lanes. A write whose consequences should be visible in its own response (a supervision
   * alert raised by the case action that caused it) awaits this before answering; 0 only kicks the
   * dispatcher.
   */
  flush(timeoutMs: number, only?: { topic: string; messageKey: string }): Promise<boolean>;
  /** Counts by state, for health and admin views. */
  counts(): Promise<Record<'PENDING' | 'DELIVERED' | 'DEAD', number>>;
  close(): Promise<void>;
}

export function createOutboxDispatcher(options: OutboxOptions): OutboxDispatcher {
  const { store, handlers, logger } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const batchSize = options.batchSize ?? 20;
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  /**
   * flush() callers, each waiting until no due message up to `upTo` (an outbox id) is left, or,
   * with `only`, until that one message has been attempted.
   */
  const waiters = new Set<{ upTo: number; only: boolean; settle: (done: boolean) => void }>();

  /** The lowest id still due, or the highest: what flush() waits on and what releases it. */
  async function dueId(which: 'min' | 'max'): Promise<number | null> {
    const { rows } = await store.query<{ id: string | number | null }>(
      `SELECT ${which}(id) AS id FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= now()`,
    );
    const id = rows[0]?.id;
    return id === null || id === undefined ? null : Number(id);
  }

  /** The id of one message while it is still due, else null. */
  async function dueIdOf(message: { topic: string; messageKey: string }): Promise<number | null> {
    const { rows } = await store.query<{ id: string | number }>(
      `SELECT id FROM outbox WHERE topic = $1 AND message_key = $2 AND state = 'PENDING' AND next_attempt_at <= now()`,
      [message.topic, message.messageKey],
    );
    return rows[0] === undefined ? null : Number(rows[0].id);
  }

  async function releaseWaiters(): Promise<void> {
    if (waiters.size === 0) return;
    // A message in flight is still PENDING and due, so it holds its waiters until it is settled.
    const first = (await dueId('min')) ?? Number.POSITIVE_INFINITY;
    for (const waiter of waiters) if (!waiter.only && waiter.upTo < first) waiter.settle(true);
  }

  /** A message was attempted: whoever waits for it alone need not wait for the rest of the batch. */
  function releaseWaitersOf(id: number): void {
    for (const waiter of waiters) if (waiter.only && waiter.upTo === id) waiter.settle(true);
  }

  async function stillDue(id: number): Promise<boolean> {
    const { rows } = await store.query(`SELECT 1 FROM outbox WHERE id = $1 AND state = 'PENDING' AND next_attempt_at <= now()`, [id]);
    return rows.length > 0;
  }

  async function claim(): Promise<OutboxMessage[]> {
    const { rows } = await store.query<{ id: string | number; topic: string; message_key: string; payload: unknown; attempts: number }>(
      `UPDATE outbox SET leased_until = now() + ($1 || ' milliseconds')::interval, attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM outbox
           WHERE state = 'PENDING' AND next_attempt_at <= now() AND (leased_until IS NULL OR leased_until < now())
           ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, topic, message_key, payload, attempts`,
      [String(leaseMs), batchSize],
    );
    return rows
      .map((row) => ({ id: Number(row.id), topic: row.topic, messageKey: row.message_key, payload: row.payload, attempts: row.attempts }))
      .sort((a, b) => a.id - b.id);
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    const handler = handlers[message.topic];
    try {
      if (!handler) throw new PermanentDeliveryError(`no handler for topic ${message.topic}`);
      await handler(message);
      await store.query(`UPDATE outbox SET state = 'DELIVERED', delivered_at = now(), leased_until = NULL, last_error = NULL WHERE id = $1`, [message.id]);
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError;
      const dead = permanent || message.attempts >= options.maxAttempts;
      const delayMs = options.retryBaseMs * 2 ** Math.min(message.attempts - 1, 20);
      await store.query(
        `UPDATE outbox SET state = $2, leased_until = NULL, last_error = $3,
                next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`,
        [message.id, dead ? 'DEAD' : 'PENDING', String((error as Error).message).slice(0, 2_000), String(delayMs)],
      );
      const log = { topic: message.topic, key: message.messageKey, attempts: message.attempts, err: (error as Error).message };
      if (dead) logger.error(log, 'outbox message dead-lettered');
      else logger.warn({ ...log, retryInMs: delayMs }, 'outbox delivery failed; will retry');
    }
    releaseWaitersOf(message.id);
  }

  /**
   * Messages about one case must not overtake each other, but a slow receiver for one case (a
   * department's system) need not hold up the others: each lane in order, lanes side by side.
   */
  async function deliverInLanes(batch: OutboxMessage[]): Promise<void> {
    const lanes = new Map<string, OutboxMessage[]>();
    for (const message of batch) {
      const lane = options.laneOf?.(message) ?? '';
      const messages = lanes.get(lane);
      if (messages) messages.push(message);
      else lanes.set(lane, [message]);
    }
    const waiting = [...lanes.values()];
    const worker = async () => {
      for (let lane = waiting.shift(); lane; lane = waiting.shift()) for (const message of lane) await deliver(message);
    };
    await Promise.all(Array.from({ length: Math.min(options.parallelLanes ?? 1, waiting.length) }, worker));
  }

  async function runOnce(): Promise<void> {
    for (;;) {
      if (closed) return;
      const batch = await claim();
      if (batch.length === 0) {
        await releaseWaiters();
        return;
      }
      await deliverInLanes(batch);
      await releaseWaiters();
    }
  }

  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await runOnce().catch((error: Error) => logger.warn({ err: error.message }, 'outbox run failed'));
      } while (again && !closed);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => void run(), options.pollMs ?? 1_000);
  timer.unref();

  return {
    kick: () => void run(),
    async drain() {
      await run();
      // A run already under way when drain was called may have missed messages enqueued after it claimed.
      await run();
    },
    async flush(timeoutMs, only) {
      if (closed) return false;
      if (timeoutMs <= 0) {
        void run();
        return false;
      }
      const upTo = only ? await dueIdOf(only) : await dueId('max');
      if (upTo === null) return true;
      return new Promise<boolean>((resolve) => {
        const waiter = {
          upTo,
          only: only !== undefined,
          settle(done: boolean) {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(done);
          },
        };
        const timer = setTimeout(() => waiter.settle(false), timeoutMs);
        timer.unref();
        waiters.add(waiter);
        // Added before the run is asked for: a run already past its last claim runs once more and releases it.
        void run();
        // A message attempted between the lookup and the line above released no one: look again.
        if (only) void stillDue(upTo).then((due) => due || waiter.settle(true), () => undefined);
      });
    },
    async counts() {
      const { rows } = await store.query<{ state: string; n: string | number }>('SELECT state, count(*) AS n FROM outbox GROUP BY state');
      const counts = { PENDING: 0, DELIVERED: 0, DEAD: 0 };
      for (const row of rows) counts[row.state as keyof typeof counts] = Number(row.n);
      return counts;
    },
    async close() {
      closed = true;
      clearInterval(timer);
      for (const waiter of waiters) waiter.settle(false);
      await running;
    },
  };
}

export type OutboxState = 'PENDING' | 'DELIVERED' | 'DEAD';

export interface OutboxRow {
  id: number;
  topic: string;
  messageKey: string;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string;
  deliveredAt: string | null;
}

/** Messages of one topic, newest first; an admin's view of what was delivered, is pending, or died. */
export async function listOutbox(store: Queryable, topic: string, state: OutboxState | null, limit: number, messageKey: string | null = null): Promise<OutboxRow[]> {
  const { rows } = await store.query<Record<string, unknown>>(
    `SELECT id, topic, message_key, payload, state, attempts, last_error, created_at, next_attempt_at, delivered_at
       FROM outbox WHERE topic = $1 AND ($2::text IS NULL OR state = $2) AND ($4::text IS NULL OR message_key = $4) ORDER BY id DESC LIMIT $3`,
    [topic, state, limit, messageKey],
  );
  const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
  return rows.map((row) => ({
    id: Number(row['id']),
    topic: String(row['topic']),
    messageKey: String(row['message_key']),
    payload: row['payload'],
    state: row['state'] as OutboxState,
    attempts: Number(row['attempts']),
    lastError: (row['last_error'] as string | null) ?? null,
    createdAt: iso(row['created_at'])!,
    nextAttemptAt: iso(row['next_attempt_at'])!,
    deliveredAt: iso(row['delivered_at']),
  }));
}

/**
 * Puts a dead-lettered message back in the queue with a fresh attempt count (an admin fixed the
 * receiving side). The message keeps its key, so a receiver that did get an earlier attempt
 * recognises it. False when there is no such dead message.
 */
export async function redrive(store: Queryable, topic: string, messageKey: string): Promise<boolean> {
  const { rows } = await store.query(
    `UPDATE outbox SET state = 'PENDING', attempts = 0, next_attempt_at = now(), leased_until = NULL
      WHERE topic = $1 AND message_key = $2 AND state = 'DEAD' RETURNING id`,
    [topic, messageKey],
  );
  return rows.length > 0;
}
