import { GraphQLError } from 'graphql';
import { CalendarDataError } from '../../../lib/calendar/errors.ts';
import { CALENDAR_DATA, type CalendarData, type CalendarYear } from '../../../lib/calendar/holidays.ts';
import { validateCalendarData } from '../../../lib/calendar/validate.ts';
import { WorkingCalendar } from '../../../lib/calendar/workingDays.ts';
import { canonicalJson } from '../../../lib/canonicalJson.ts';
import type { Queryable, Store } from '../../../lib/db/store.ts';
import { badUserInput, ERROR_CODES, invalidElements } from '../../../lib/errors.ts';
import { chinaDate } from '../../../lib/time.ts';
import { calendarYearInputErrors, type CalendarYearInput } from './validateYear.ts';
import { nextVersionLabel } from './versionLabel.ts';
import { iso } from '../../../lib/db/rows.ts';

/**
 * The working-day calendar as data in the cases store (migration 0002_calendar.sql): the State
 * Council's yearly holiday notices, seeded from lib/calendar/holidays.ts, edited by administrators
 * one year at a time, every edit a new immutable version. Due dates record the version they used.
 */

/** One stored version (the GraphQL WorkingCalendarVersion's model). */
export interface CalendarVersionModel {
  /** Publication order; the highest is the version in force. */
  seq: number;
  /** The label (versionLabel.ts); equals data.version. */
  version: string;
  /** The version it was published on; null for the seed. */
  previous: string | null;
  /** ISO 8601. */
  publishedAt: string;
  /** The publisher's subject, or 'seed'. */
  author: string;
  reason: string;
  data: CalendarData;
}

export interface CalendarStoreOptions {
  /**
   * How long current() trusts what it cached before asking the store whether another process
   * published (one cheap `max(seq)`). Default 5 s: a publish elsewhere reaches this process within
   * that, one in this process at once.
   */
  recheckMs?: number;
  /** The clock (tests). */
  now?: () => Date;
}

export interface PublishOptions {
  /** Runs inside the publishing transaction (the access log entry), so both commit or neither. */
  onPublished?: (tx: Queryable, published: CalendarVersionModel) => Promise<void>;
}

export const SEED_AUTHOR = 'seed';
const SEED_REASON = 'State Council holiday notices as bundled with Tongban (lib/calendar/holidays.ts)';
const DEFAULT_RECHECK_MS = 5_000;
const MAX_REASON = 500;
const MAX_LABEL = 64;
const COLUMNS = 'seq, version, previous, published_at, author, reason, data';

interface Head {
  model: CalendarVersionModel;
  calendar: WorkingCalendar;
  /** Clock time of the last check that this was still the latest. */
  checkedAt: number;
}

export class CalendarStore {
  private readonly recheckMs: number;
  private readonly now: () => Date;
  private head: Head | null = null;
  private refreshing: Promise<Head> | null = null;
  /** Versions are immutable, so what was read once is kept (a handful per year). */
  private readonly versions = new Map<string, CalendarVersionModel>();
  private readonly calendars = new Map<string, WorkingCalendar>();

  constructor(
    private readonly store: Store,
    options: CalendarStoreOptions = {},
  ) {
    this.recheckMs = options.recheckMs ?? DEFAULT_RECHECK_MS;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Stores the bundled holiday data as the first version (label CALENDAR_DATA.version, author
   * 'seed') when the store has none; otherwise does nothing, so it runs at every start-up. Two
   * processes seeding at once store one seed (the unique index on the chain's root). Later changes
   * to the bundled data do not flow in by themselves: publish them (publishYear).
   */
  async seed(): Promise<void> {
    await this.store.query(
      `INSERT INTO calendar_version (version, previous, author, reason, data)
       SELECT $1, NULL, $2, $3, $4::jsonb WHERE NOT EXISTS (SELECT 1 FROM calendar_version)
       ON CONFLICT DO NOTHING`,
      [CALENDAR_DATA.version, SEED_AUTHOR, SEED_REASON, JSON.stringify(CALENDAR_DATA)],
    );
  }

  /** The calendar in force (the latest version), from the in-process cache when it is fresh. */
  async current(): Promise<WorkingCalendar> {
    return (await this.currentHead()).calendar;
  }

  /** The version in force, with who published it and why. */
  async currentVersion(): Promise<CalendarVersionModel> {
    return (await this.currentHead()).model;
  }

  /** One version by its label; null when there is none. */
  async byVersion(version: string): Promise<CalendarVersionModel | null> {
    const cached = this.versions.get(version);
    if (cached) return cached;
    const { rows } = await this.store.query(`SELECT ${COLUMNS} FROM calendar_version WHERE version = $1`, [version]);
    return rows[0] ? this.remember(toModel(rows[0])) : null;
  }

  /** The calendar of one version (to recompute a due date as it was); null when there is none. */
  async calendarOf(version: string): Promise<WorkingCalendar | null> {
    const model = await this.byVersion(version);
    return model && this.calendarFor(model);
  }

  /** Every version, newest first. */
  async list(): Promise<CalendarVersionModel[]> {
    const { rows } = await this.store.query(`SELECT ${COLUMNS} FROM calendar_version ORDER BY seq DESC`);
    return rows.map((row) => this.remember(toModel(row)));
  }

  /**
   * Publishes a year's holiday arrangement: a new version equal to the current data with that year
   * replaced, or added when it extends coverage by one year at either end (coverage stays
   * contiguous: a deadline walks every day between two dates). The year's entry is stored as given
   * (dates sorted); an `amendedBy` of the replaced entry is dropped, the new notice supersedes it.
   *
   * Refused with BAD_USER_INPUT (naming the element, e.g. `input.offDays[3]`) for a malformed year,
   * a gap in coverage or a change that changes nothing; with VERSION_CONFLICT unless
   * `expectedVersion` is the version in force — also when another publish based on the same
   * version commits first (the `previous` column is unique, so only one can follow a version).
   */
  async publishYear(
    input: CalendarYearInput,
    reason: string,
    author: string,
    expectedVersion: string,
    options: PublishOptions = {},
  ): Promise<CalendarVersionModel> {
    const why = reason.trim();
    if (!why) throw badUserInput('reason', 'a new calendar version needs its reason', 'e.g. 国务院办公厅关于2027年部分节假日安排的通知发布');
    if (why.length > MAX_REASON) throw badUserInput('reason', `longer than ${MAX_REASON} characters`);
    if (!expectedVersion || expectedVersion.length > MAX_LABEL) {
      throw badUserInput('expectedVersion', 'the version you read is required', 'WorkingCalendarVersion.version of the calendar in force');
    }
    const errors = calendarYearInputErrors(input);
    if (errors.length > 0) throw invalidElements('input', errors);
    const entry: CalendarYear = { notice: input.notice.trim(), offDays: [...input.offDays].sort(), workDays: [...input.workDays].sort() };

    let published: CalendarVersionModel;
    try {
      published = await this.store.transaction(async (tx) => {
        const current = await latest(tx);
        if (current.version !== expectedVersion) throw calendarVersionConflict(current.version, expectedVersion);
        const version = nextVersionLabel(current.version, chinaDate(this.now()));
        const data = withYear(current, input.year, entry, version);
        const { rows } = await tx.query(
          `INSERT INTO calendar_version (version, previous, published_at, author, reason, data)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING ${COLUMNS}`,
          [version, current.version, this.now().toISOString(), author, why, JSON.stringify(data)],
        );
        const model = toModel(rows[0]!);
        await options.onPublished?.(tx, model);
        return model;
      });
    } catch (error) {
      if (!isChainConflict(error)) throw error;
      throw calendarVersionConflict((await latest(this.store)).version, expectedVersion);
    }
    this.remember(published);
    this.adopt(published, this.now().getTime());
    return published;
  }

  private currentHead(): Promise<Head> {
    const head = this.head;
    if (head && this.now().getTime() - head.checkedAt < this.recheckMs) return Promise.resolve(head);
    // One check at a time, however many requests ask at once.
    this.refreshing ??= this.refresh().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async refresh(): Promise<Head> {
    const checkedAt = this.now().getTime();
    try {
      const { rows } = await this.store.query<{ seq: string | number | null }>('SELECT max(seq) AS seq FROM calendar_version');
      const seq = rows[0]?.seq == null ? null : Number(rows[0].seq);
      if (seq === null) throw new Error('the working-day calendar has no version: CalendarStore.seed() must run at start-up');
      if (this.head && this.head.model.seq >= seq) return (this.head = { ...this.head, checkedAt: Math.max(checkedAt, this.head.checkedAt) });
      return this.adopt(this.remember(await latest(this.store)), checkedAt);
    } catch (error) {
      // A failed check keeps the calendar already known (its store outage is reported elsewhere:
      // readiness, the query that needs the store next) and is retried on the next call.
      if (this.head) return this.head;
      throw error;
    }
  }

  /** Makes `model` the head unless a newer one is already known (a publish racing a refresh). */
  private adopt(model: CalendarVersionModel, checkedAt: number): Head {
    if (this.head && this.head.model.seq > model.seq) return this.head;
    this.head = { model, calendar: this.calendarFor(model), checkedAt };
    return this.head;
  }

  private calendarFor(model: CalendarVersionModel): WorkingCalendar {
    let calendar = this.calendars.get(model.version);
    if (!calendar) {
      calendar = new WorkingCalendar(model.data);
      this.calendars.set(model.version, calendar);
    }
    return calendar;
  }

  private remember(model: CalendarVersionModel): CalendarVersionModel {
    const known = this.versions.get(model.version);
    if (known) return known;
    this.versions.set(model.version, model);
    return model;
  }
}

async function latest(db: Queryable): Promise<CalendarVersionModel> {
  const { rows } = await db.query(`SELECT ${COLUMNS} FROM calendar_version ORDER BY seq DESC LIMIT 1`);
  if (!rows[0]) throw new Error('the working-day calendar has no version: CalendarStore.seed() must run at start-up');
  return toModel(rows[0]);
}

/** The current data with `year` replaced or added, under the new label; refuses a gap or a no-op. */
function withYear(current: CalendarVersionModel, year: number, entry: CalendarYear, version: string): CalendarData {
  const years = Object.keys(current.data.years).map(Number);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const existing = current.data.years[year];
  if (!existing && year !== first - 1 && year !== last + 1) {
    throw badUserInput(
      'input.year',
      `the calendar covers ${first}–${last} and must stay contiguous: replace one of those years or add ${first - 1} or ${last + 1}`,
    );
  }
  if (existing && sameEntry(existing, entry)) {
    throw badUserInput('input', `${year} is already exactly this in version ${current.version}: nothing to publish`);
  }
  const data: CalendarData = { version, years: { ...current.data.years, [year]: entry } };
  try {
    validateCalendarData(data);
  } catch (error) {
    // The year was checked on its own and the other years when they were published, so this is a
    // backstop; its problems are still the caller's to fix.
    if (error instanceof CalendarDataError) throw badUserInput('input', error.problems.join('; '));
    throw error;
  }
  return data;
}

function sameEntry(existing: CalendarYear, entry: CalendarYear): boolean {
  const plain = (year: CalendarYear) =>
    canonicalJson({ notice: year.notice, offDays: [...year.offDays].sort(), workDays: [...year.workDays].sort() });
  return plain(existing) === plain(entry);
}

/** VERSION_CONFLICT for string versions (lib/errors.ts versionConflict counts integers). */
export function calendarVersionConflict(latestVersion: string, given: string): GraphQLError {
  return new GraphQLError(
    `Version conflict: calendar version ${given} is not the one in force (${latestVersion}); reload the calendar and publish your change again`,
    {
      extensions: {
        code: ERROR_CODES.VERSION_CONFLICT,
        field: 'expectedVersion',
        reason: `the calendar version in force is ${latestVersion}`,
        expected: latestVersion,
      },
    },
  );
}

/** A unique violation on the chain (`previous`, or a label taken by a concurrent publish). */
function isChainConflict(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && typeof constraint === 'string' && /^calendar_version_(previous|version)_key$/.test(constraint);
}

function toModel(row: Record<string, unknown>): CalendarVersionModel {
  const publishedAt = row['published_at'];
  return {
    seq: Number(row['seq']),
    version: String(row['version']),
    previous: row['previous'] == null ? null : String(row['previous']),
    publishedAt: iso(publishedAt),
    author: String(row['author']),
    reason: String(row['reason']),
    data: row['data'] as CalendarData,
  };
}
