import { checkUscc, ITEM_TYPES } from '../../../lib/codes/index.ts';
import { LEGAL_LEVELS } from './content.ts';
import type { ItemContent, Material, TimeLimit } from './content.ts';
import { LEGAL_PERSON_THEMES, NATURAL_PERSON_THEMES } from './themes.ts';

/**
 * Validation of guide content (content.ts). Content arrives as GraphQL input and as stored JSON,
 * so everything is checked from `unknown`; every failing element is reported, by its path in the
 * content (`materials[2].copies`, `hours.weekly[0].periods[1].to`), so an editor can fix all of
 * them in one round. Quality findings that leave the data usable — a form without a sample, a
 * license promising more than half its legal limit, a stale review date — belong to the guide
 * audit, not here: a guide must be storable before it can be audited.
 */

export interface ElementError {
  /** Path of the failing element in the content; `$` is the content itself. */
  element: string;
  reason: string;
}

type Errors = ElementError[];
type Json = Record<string, unknown>;

const ROOT = '$';

/** Generous ceilings: they stop abuse of stored JSON, not any real guide. */
const MAX = { short: 100, name: 200, text: 2000, quote: 10_000, list: 200, limitValue: 3650 } as const;

function at(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === ROOT ? key : `${base}.${key}`;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value;
}

/** Reads one object: unknown keys are errors (a misspelt element would otherwise vanish). */
function object(value: unknown, path: string, keys: readonly string[], errors: Errors): Json | null {
  if (!isJson(value)) {
    errors.push({ element: path, reason: `expected an object, got ${kindOf(value)}` });
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) errors.push({ element: at(path, key), reason: 'unknown element' });
  }
  return value;
}

interface StringRule {
  nullable?: boolean;
  max?: number;
  pattern?: RegExp;
  patternReason?: string;
}

/** A non-blank string (or null when allowed); undefined when invalid. */
function string(value: unknown, path: string, errors: Errors, rule: StringRule = {}): string | null | undefined {
  if (value === null && rule.nullable) return null;
  if (typeof value !== 'string') {
    errors.push({ element: path, reason: `expected a string${rule.nullable ? ' or null' : ''}, got ${kindOf(value)}` });
    return undefined;
  }
  if (value.trim() === '') {
    errors.push({ element: path, reason: rule.nullable ? 'must not be blank (use null for none)' : 'must not be blank' });
    return undefined;
  }
  const max = rule.max ?? MAX.text;
  if (value.length > max) {
    errors.push({ element: path, reason: `longer than ${max} characters` });
    return undefined;
  }
  if (rule.pattern !== undefined && !rule.pattern.test(value)) {
    errors.push({ element: path, reason: rule.patternReason ?? `does not match ${rule.pattern}` });
    return undefined;
  }
  return value;
}

function boolean(value: unknown, path: string, errors: Errors): boolean | undefined {
  if (typeof value === 'boolean') return value;
  errors.push({ element: path, reason: `expected true or false, got ${kindOf(value)}` });
  return undefined;
}

function integer(value: unknown, path: string, errors: Errors, min: number, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    errors.push({ element: path, reason: `expected an integer, got ${kindOf(value)}` });
    return undefined;
  }
  if (value < min || value > max) {
    errors.push({ element: path, reason: `must be between ${min} and ${max}` });
    return undefined;
  }
  return value;
}

function oneOf<T extends string>(value: unknown, path: string, errors: Errors, allowed: readonly T[]): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  errors.push({ element: path, reason: `expected one of ${allowed.join(', ')}` });
  return undefined;
}

/** Reads a list and hands each element with its path to `each`. */
function list(value: unknown, path: string, errors: Errors, each: (element: unknown, path: string, index: number) => void, options: { min?: number; max?: number } = {}): unknown[] | undefined {
  if (!Array.isArray(value)) {
    errors.push({ element: path, reason: `expected a list, got ${kindOf(value)}` });
    return undefined;
  }
  const min = options.min ?? 0;
  const max = options.max ?? MAX.list;
  if (value.length < min) errors.push({ element: path, reason: min === 1 ? 'must not be empty' : `needs at least ${min} entries` });
  if (value.length > max) {
    errors.push({ element: path, reason: `more than ${max} entries` });
    return undefined;
  }
  value.forEach((element, i) => each(element, at(path, i), i));
  return value;
}

/** Flags the second and later occurrences of a key among a list's elements. */
function unique(keys: ReadonlyArray<{ key: unknown; path: string }>, errors: Errors, what: string): void {
  const seen = new Set<unknown>();
  for (const { key, path } of keys) {
    if (key === undefined) continue;
    if (seen.has(key)) errors.push({ element: path, reason: `duplicate ${what} ${JSON.stringify(key)}` });
    seen.add(key);
  }
}

// ---------------------------------------------------------------------------------------------
// Small checkers, usable on their own (GraphQL scalars, the audit, the seed).

/** Null when `s` is a real calendar date written YYYY-MM-DD, else the reason. */
export function dateProblem(s: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (match === null) return 'expected a date as YYYY-MM-DD';
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1949 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return `${s} is not a real date`;
  return null;
}

/** Null when `s` is a 24-hour HH:MM time, else the reason. */
export function timeProblem(s: string): string | null {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s) ? null : 'expected a 24-hour time as HH:MM';
}

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Chinese phone numbers as guides print them: a landline with its area code (0916-3221005, an
 * extension after a second hyphen), a mobile number (13909160001), a short public hotline (12345,
 * 12315, 110, 95598) or a 400/800 number.
 */
const PHONE = /^(0\d{2,3}-\d{7,8}(-\d{1,6})?|1[3-9]\d{9}|1\d{2,4}|9\d{4}|[48]00-?\d{3}-?\d{4})$/;

export function phoneProblem(s: string): string | null {
  return PHONE.test(s) ? null : 'expected a landline with area code (0916-3221005), a mobile number or a hotline (12345)';
}

/**
 * A time limit in natural days, for comparing limits stated in different units. A working week is
 * five days in seven, so n working days take at least n × 7/5 natural days; holidays only stretch
 * that span, and the holiday calendar is data this check does not have. Comparing with the short,
 * holiday-free span is the reading most favourable to the promise, so a promise flagged as over
 * the legal limit is over it in every calendar. Natural days stay as they are.
 */
export function naturalDaysOf(limit: TimeLimit): number {
  return limit.unit === 'NATURAL_DAY' ? limit.value : (limit.value * 7) / 5;
}

/** True when `limit` certainly exceeds `ceiling`: directly in the same unit, else via naturalDaysOf. */
export function exceedsLimit(limit: TimeLimit, ceiling: TimeLimit): boolean {
  if (limit.unit === ceiling.unit) return limit.value > ceiling.value;
  return naturalDaysOf(limit) > naturalDaysOf(ceiling);
}

// ---------------------------------------------------------------------------------------------

const TIME_UNITS = ['WORKING_DAY', 'NATURAL_DAY'] as const;

function timeLimit(value: unknown, path: string, errors: Errors, minValue: number): TimeLimit | null | undefined {
  if (value === null) return null;
  const limit = object(value, path, ['value', 'unit'], errors);
  if (limit === null) return undefined;
  const amount = integer(limit.value, at(path, 'value'), errors, minValue, MAX.limitValue);
  const unit = oneOf(limit.unit, at(path, 'unit'), errors, TIME_UNITS);
  return amount === undefined || unit === undefined ? undefined : { value: amount, unit };
}

function date(value: unknown, path: string, errors: Errors, nullable: boolean): string | null | undefined {
  const s = string(value, path, errors, { nullable, max: 10 });
  if (typeof s !== 'string') return s;
  const problem = dateProblem(s);
  if (problem !== null) {
    errors.push({ element: path, reason: problem });
    return undefined;
  }
  return s;
}

function phone(value: unknown, path: string, errors: Errors): void {
  const s = string(value, path, errors, { max: 30 });
  if (typeof s !== 'string') return;
  const problem = phoneProblem(s);
  if (problem !== null) errors.push({ element: path, reason: problem });
}

function fileRef(value: unknown, path: string, errors: Errors): void {
  if (value === null) return;
  const ref = object(value, path, ['id', 'name', 'mediaType', 'size', 'sha256'], errors);
  if (ref === null) return;
  string(ref.id, at(path, 'id'), errors, { max: 64, pattern: /^[A-Za-z0-9_-]+$/, patternReason: 'expected letters, digits, - or _' });
  string(ref.name, at(path, 'name'), errors, { max: 255 });
  string(ref.mediaType, at(path, 'mediaType'), errors, {
    max: MAX.name,
    pattern: /^[a-z]+\/[a-z0-9.+-]+$/,
    patternReason: 'expected a media type such as application/pdf',
  });
  integer(ref.size, at(path, 'size'), errors, 0, Number.MAX_SAFE_INTEGER);
  string(ref.sha256, at(path, 'sha256'), errors, { max: 64, pattern: /^[0-9a-f]{64}$/, patternReason: 'expected 64 lowercase hex digits' });
}

// ---------------------------------------------------------------------------------------------
// Item content: the common elements.

const ITEM_KEYS = [
  'name', 'type', 'themes', 'legalBasis', 'authorityDivision', 'legalTimeLimit', 'acceptanceConditions', 'materials',
  'situations', 'intermediaryServices', 'serviceObjects', 'aliases', 'policyReviewedOn',
] as const;

const MATERIAL_KEYS = [
  'id', 'name', 'kind', 'requirement', 'condition', 'deferrable', 'source', 'issuingAgency', 'copies', 'media',
  'paperSize', 'legalBasis', 'blankForm', 'sampleForm', 'fillingNotes',
] as const;

const ITEM_TYPE_NAMES = ITEM_TYPES.map((t) => t.type);

function themes(value: unknown, path: string, errors: Errors): void {
  const themes = object(value, path, ['naturalPerson', 'legalPerson'], errors);
  if (themes === null) return;
  for (const [key, allowed] of [['naturalPerson', NATURAL_PERSON_THEMES], ['legalPerson', LEGAL_PERSON_THEMES]] as const) {
    const keys: Array<{ key: unknown; path: string }> = [];
    list(themes[key], at(path, key), errors, (theme, themePath) => {
      keys.push({ key: oneOf(theme, themePath, errors, allowed), path: themePath });
    });
    unique(keys, errors, 'theme');
  }
}

function legalBases(value: unknown, path: string, errors: Errors): void {
  let previous = -1;
  list(
    value,
    path,
    errors,
    (element, basisPath) => {
      const basis = object(element, basisPath, ['level', 'title', 'documentNumber', 'issuedOn', 'article', 'text'], errors);
      if (basis === null) return;
      const level = oneOf(basis.level, at(basisPath, 'level'), errors, LEGAL_LEVELS);
      if (level !== undefined) {
        const rank = LEGAL_LEVELS.indexOf(level);
        if (rank < previous) {
          errors.push({ element: at(basisPath, 'level'), reason: `${level} listed after a lower level: order legal bases highest level first` });
        }
        previous = Math.max(previous, rank);
      }
      string(basis.title, at(basisPath, 'title'), errors, { max: MAX.name });
      string(basis.documentNumber, at(basisPath, 'documentNumber'), errors, { nullable: true, max: MAX.short });
      date(basis.issuedOn, at(basisPath, 'issuedOn'), errors, true);
      string(basis.article, at(basisPath, 'article'), errors, { nullable: true, max: MAX.name });
      string(basis.text, at(basisPath, 'text'), errors, { nullable: true, max: MAX.quote });
    },
    { min: 1 },
  );
}

function material(value: unknown, path: string, errors: Errors): string | undefined {
  const m = object(value, path, MATERIAL_KEYS, errors);
  if (m === null) return undefined;
  const id = string(m.id, at(path, 'id'), errors, { max: 32, pattern: /^[A-Za-z0-9_-]+$/, patternReason: 'expected letters, digits, - or _' });
  string(m.name, at(path, 'name'), errors, { max: MAX.name });
  oneOf(m.kind, at(path, 'kind'), errors, ['FORM', 'CERTIFICATE', 'DOCUMENT', 'OTHER'] as const);
  const requirement = oneOf(m.requirement, at(path, 'requirement'), errors, ['REQUIRED', 'CONDITIONAL'] as const);
  const condition = string(m.condition, at(path, 'condition'), errors, { nullable: true });
  if (requirement === 'CONDITIONAL' && condition === null) {
    errors.push({ element: at(path, 'condition'), reason: 'a CONDITIONAL material needs its condition' });
  }
  if (requirement === 'REQUIRED' && typeof condition === 'string') {
    errors.push({ element: at(path, 'condition'), reason: 'only a CONDITIONAL material has a condition' });
  }
  boolean(m.deferrable, at(path, 'deferrable'), errors);
  const source = oneOf(m.source, at(path, 'source'), errors, ['APPLICANT', 'AGENCY_ISSUED', 'SHARED'] as const);
  const issuingAgency = string(m.issuingAgency, at(path, 'issuingAgency'), errors, { nullable: true, max: MAX.name });
  if (source === 'AGENCY_ISSUED' && issuingAgency === null) {
    errors.push({ element: at(path, 'issuingAgency'), reason: 'a material issued by an agency must name the agency (出具单位)' });
  }
  integer(m.copies, at(path, 'copies'), errors, 0, 99);
  const media: Array<{ key: unknown; path: string }> = [];
  list(
    m.media,
    at(path, 'media'),
    errors,
    (medium, mediumPath) => media.push({ key: oneOf(medium, mediumPath, errors, ['ORIGINAL', 'COPY', 'ELECTRONIC'] as const), path: mediumPath }),
    { min: 1, max: 3 },
  );
  unique(media, errors, 'medium');
  if (m.paperSize !== null) oneOf(m.paperSize, at(path, 'paperSize'), errors, ['A4', 'A3'] as const);
  string(m.legalBasis, at(path, 'legalBasis'), errors, { nullable: true, max: MAX.text });
  fileRef(m.blankForm, at(path, 'blankForm'), errors);
  fileRef(m.sampleForm, at(path, 'sampleForm'), errors);
  string(m.fillingNotes, at(path, 'fillingNotes'), errors, { nullable: true });
  return id ?? undefined;
}

export function validateItemContent(content: unknown): ElementError[] {
  const errors: Errors = [];
  const item = object(content, ROOT, ITEM_KEYS, errors);
  if (item === null) return errors;

  string(item.name, 'name', errors, { max: MAX.name });
  oneOf(item.type, 'type', errors, ITEM_TYPE_NAMES);
  themes(item.themes, 'themes', errors);
  legalBases(item.legalBasis, 'legalBasis', errors);
  string(item.authorityDivision, 'authorityDivision', errors, { nullable: true });
  timeLimit(item.legalTimeLimit, 'legalTimeLimit', errors, 1);
  list(item.acceptanceConditions, 'acceptanceConditions', errors, (condition, path) => string(condition, path, errors));

  const materialIds: Array<{ key: unknown; path: string }> = [];
  list(item.materials, 'materials', errors, (element, path) => materialIds.push({ key: material(element, path, errors), path: at(path, 'id') }));
  unique(materialIds, errors, 'material id');
  const knownMaterials = new Set(materialIds.map((m) => m.key).filter((id) => id !== undefined));

  const situationIds: Array<{ key: unknown; path: string }> = [];
  list(item.situations, 'situations', errors, (element, path) => {
    const situation = object(element, path, ['id', 'name', 'materialIds'], errors);
    if (situation === null) return;
    situationIds.push({ key: string(situation.id, at(path, 'id'), errors, { max: 32 }) ?? undefined, path: at(path, 'id') });
    string(situation.name, at(path, 'name'), errors, { max: MAX.name });
    const refs: Array<{ key: unknown; path: string }> = [];
    list(
      situation.materialIds,
      at(path, 'materialIds'),
      errors,
      (ref, refPath) => {
        const id = string(ref, refPath, errors, { max: 32 });
        if (typeof id === 'string' && !knownMaterials.has(id)) errors.push({ element: refPath, reason: `no material has id ${id}` });
        refs.push({ key: id ?? undefined, path: refPath });
      },
      { min: 1 },
    );
    unique(refs, errors, 'material id');
  });
  unique(situationIds, errors, 'situation id');

  list(item.intermediaryServices, 'intermediaryServices', errors, (element, path) => {
    const service = object(element, path, ['name', 'basis'], errors);
    if (service === null) return;
    string(service.name, at(path, 'name'), errors, { max: MAX.name });
    string(service.basis, at(path, 'basis'), errors, { nullable: true });
  });

  const objects: Array<{ key: unknown; path: string }> = [];
  list(item.serviceObjects, 'serviceObjects', errors, (element, path) => objects.push({ key: oneOf(element, path, errors, ['NATURAL_PERSON', 'LEGAL_PERSON'] as const), path }), { min: 1, max: 2 });
  unique(objects, errors, 'service object');

  list(item.aliases, 'aliases', errors, (alias, path) => string(alias, path, errors, { max: MAX.short }));
  date(item.policyReviewedOn, 'policyReviewedOn', errors, true);
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Guide content: the individual elements, checked against the item they implement.

const GUIDE_KEYS = [
  'level', 'exerciseContent', 'jointAgencies', 'process', 'quantityLimit', 'result', 'fees', 'caseKind',
  'promisedTimeLimit', 'visits', 'onlineDepth', 'singleSignOn', 'acrossScope', 'handlingForm', 'appointment',
  'onlinePayment', 'delivery', 'runningSystem', 'location', 'hours', 'consultationPhone', 'supervisionPhone', 'faq',
  'reviewedOn',
] as const;

const STEP_KINDS = ['APPLY', 'ACCEPT', 'REVIEW', 'DECIDE', 'COMPLETE', 'DELIVER', 'SPECIAL', 'OTHER'] as const;
const SPECIAL_STEPS = ['EXPERT_REVIEW', 'ASSESSMENT', 'SITE_INSPECTION', 'HEARING', 'TESTING', 'TENDER', 'AUCTION', 'QUARANTINE', 'APPRAISAL'] as const;

interface StepLimit {
  limit: TimeLimit;
  /** Special and intermediary steps do not count against the promised limit (行政许可法 art. 45). */
  counted: boolean;
}

function processSteps(value: unknown, path: string, errors: Errors): StepLimit[] {
  const limits: StepLimit[] = [];
  list(
    value,
    path,
    errors,
    (element, stepPath) => {
      const step = object(element, stepPath, ['name', 'kind', 'timeLimit', 'handler', 'criteria', 'special', 'intermediary'], errors);
      if (step === null) return;
      string(step.name, at(stepPath, 'name'), errors, { max: MAX.name });
      const kind = oneOf(step.kind, at(stepPath, 'kind'), errors, STEP_KINDS);
      const limit = timeLimit(step.timeLimit, at(stepPath, 'timeLimit'), errors, 0);
      string(step.handler, at(stepPath, 'handler'), errors, { nullable: true, max: MAX.name });
      string(step.criteria, at(stepPath, 'criteria'), errors, { nullable: true });
      const special = step.special === null ? null : oneOf(step.special, at(stepPath, 'special'), errors, SPECIAL_STEPS);
      if (kind === 'SPECIAL' && step.special === null) {
        errors.push({ element: at(stepPath, 'special'), reason: 'a SPECIAL step must say which special procedure it is' });
      }
      const intermediary = boolean(step.intermediary, at(stepPath, 'intermediary'), errors);
      if (limit) limits.push({ limit, counted: special === null && intermediary === false });
    },
    { min: 1, max: 50 },
  );
  return limits;
}

function availability(value: unknown, path: string, errors: Errors): void {
  const a = object(value, path, ['available', 'details'], errors);
  if (a === null) return;
  const available = boolean(a.available, at(path, 'available'), errors);
  const details = string(a.details, at(path, 'details'), errors, { nullable: true });
  if (available === true && details === null) {
    errors.push({ element: at(path, 'details'), reason: 'say how (seed 003: the channel, the bank, the courier) when available' });
  }
}

function location(value: unknown, path: string, errors: Errors): void {
  const l = object(value, path, ['province', 'city', 'district', 'street', 'number', 'building', 'room', 'window'], errors);
  if (l === null) return;
  for (const key of ['province', 'city', 'district', 'street', 'number'] as const) string(l[key], at(path, key), errors, { max: MAX.short });
  for (const key of ['building', 'room', 'window'] as const) string(l[key], at(path, key), errors, { nullable: true, max: MAX.short });
}

/** Periods of one day: valid times, each from < to, none overlapping. */
function periods(value: unknown, path: string, errors: Errors, min: number): void {
  const valid: Array<{ from: number; to: number; path: string }> = [];
  list(
    value,
    path,
    errors,
    (element, periodPath) => {
      const period = object(element, periodPath, ['from', 'to'], errors);
      if (period === null) return;
      const times = (['from', 'to'] as const).map((key) => {
        const s = string(period[key], at(periodPath, key), errors, { max: 5 });
        if (typeof s !== 'string') return undefined;
        const problem = timeProblem(s);
        if (problem !== null) {
          errors.push({ element: at(periodPath, key), reason: problem });
          return undefined;
        }
        return minutesOf(s);
      });
      const [from, to] = times;
      if (from === undefined || to === undefined) return;
      if (from >= to) {
        errors.push({ element: at(periodPath, 'to'), reason: 'must be later than from' });
        return;
      }
      valid.push({ from, to, path: periodPath });
    },
    { min, max: 10 },
  );
  const sorted = [...valid].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.from < sorted[i - 1]!.to) errors.push({ element: sorted[i]!.path, reason: `overlaps ${sorted[i - 1]!.path}` });
  }
}

function hours(value: unknown, path: string, errors: Errors): void {
  const h = object(value, path, ['weekly', 'exceptions', 'note'], errors);
  if (h === null) return;
  const days: Array<{ key: unknown; path: string }> = [];
  list(
    h.weekly,
    at(path, 'weekly'),
    errors,
    (element, dayPath) => {
      const day = object(element, dayPath, ['day', 'periods'], errors);
      if (day === null) return;
      days.push({ key: integer(day.day, at(dayPath, 'day'), errors, 1, 7), path: at(dayPath, 'day') });
      periods(day.periods, at(dayPath, 'periods'), errors, 1);
    },
    { min: 1, max: 7 },
  );
  unique(days, errors, 'day');

  const dates: Array<{ key: unknown; path: string }> = [];
  list(h.exceptions, at(path, 'exceptions'), errors, (element, exceptionPath) => {
    const exception = object(element, exceptionPath, ['date', 'closed', 'periods', 'note'], errors);
    if (exception === null) return;
    dates.push({ key: date(exception.date, at(exceptionPath, 'date'), errors, false) ?? undefined, path: at(exceptionPath, 'date') });
    const closed = boolean(exception.closed, at(exceptionPath, 'closed'), errors);
    if (closed === true) {
      if (!Array.isArray(exception.periods) || exception.periods.length > 0) {
        errors.push({ element: at(exceptionPath, 'periods'), reason: 'a closed day has no periods (use an empty list)' });
      }
    } else {
      periods(exception.periods, at(exceptionPath, 'periods'), errors, 1);
    }
    string(exception.note, at(exceptionPath, 'note'), errors, { nullable: true, max: MAX.name });
  });
  unique(dates, errors, 'date');
  string(h.note, at(path, 'note'), errors, { nullable: true });
}

function fees(value: unknown, path: string, errors: Errors): void {
  const f = object(value, path, ['charged', 'items'], errors);
  if (f === null) return;
  const charged = boolean(f.charged, at(path, 'charged'), errors);
  const items = list(f.items, at(path, 'items'), errors, (element, itemPath) => {
    const item = object(element, itemPath, ['name', 'standard', 'amountYuan', 'basis'], errors);
    if (item === null) return;
    string(item.name, at(itemPath, 'name'), errors, { max: MAX.name });
    string(item.standard, at(itemPath, 'standard'), errors, { max: MAX.text });
    if (item.amountYuan !== null) {
      if (typeof item.amountYuan !== 'number' || !Number.isFinite(item.amountYuan) || item.amountYuan < 0) {
        errors.push({ element: at(itemPath, 'amountYuan'), reason: 'expected an amount in yuan, at least 0, or null when it varies' });
      } else if (Math.round(item.amountYuan * 100) !== item.amountYuan * 100) {
        errors.push({ element: at(itemPath, 'amountYuan'), reason: 'yuan have at most two decimals (分)' });
      }
    }
    string(item.basis, at(itemPath, 'basis'), errors, { max: MAX.text });
  });
  if (charged === true && items?.length === 0) errors.push({ element: at(path, 'items'), reason: 'a charged service lists what it charges' });
  if (charged === false && items !== undefined && items.length > 0) errors.push({ element: at(path, 'charged'), reason: 'fee items are listed, so charged must be true' });
}

/** The most visits each online depth allows (seed 004's definitions of levels II–IV). */
const MAX_VISITS_BY_DEPTH: Record<number, number> = { 1: 10, 2: 2, 3: 1, 4: 0 };

function canGoOnline(m: Material): boolean {
  return m.source === 'SHARED' || (Array.isArray(m.media) && m.media.includes('ELECTRONIC'));
}

export function validateGuideContent(content: unknown, item: ItemContent): ElementError[] {
  const errors: Errors = [];
  const guide = object(content, ROOT, GUIDE_KEYS, errors);
  if (guide === null) return errors;

  oneOf(guide.level, 'level', errors, ['PROVINCE', 'CITY', 'COUNTY'] as const);
  string(guide.exerciseContent, 'exerciseContent', errors, { nullable: true });

  const joint: Array<{ key: unknown; path: string }> = [];
  list(guide.jointAgencies, 'jointAgencies', errors, (element, path) => {
    const uscc = string(element, path, errors, { max: 18 });
    if (typeof uscc !== 'string') return;
    const check = checkUscc(uscc);
    if (!check.ok) errors.push({ element: path, reason: `not a unified social credit code: ${check.reason}` });
    joint.push({ key: uscc, path });
  });
  unique(joint, errors, 'agency');

  const stepLimits = processSteps(guide.process, 'process', errors);
  string(guide.quantityLimit, 'quantityLimit', errors, { nullable: true });

  const result = object(guide.result, 'result', ['name', 'kind', 'sample', 'public'], errors);
  if (result !== null) {
    string(result.name, 'result.name', errors, { max: MAX.name });
    const kind = oneOf(result.kind, 'result.kind', errors, ['CERTIFICATE', 'APPROVAL', 'RECORD', 'OTHER'] as const);
    if (item.type === 'LICENSE' && (kind === 'RECORD' || kind === 'OTHER')) {
      errors.push({ element: 'result.kind', reason: 'a license ends in a certificate or an approval decision' });
    }
    fileRef(result.sample, 'result.sample', errors);
    // 结果公示: omitted means the default of the item's type (content.ts, withGuideDefaults).
    if (result.public !== undefined && typeof result.public !== 'boolean') {
      errors.push({ element: 'result.public', reason: `expected true or false (or omit it for the default), got ${kindOf(result.public)}` });
    }
  }

  fees(guide.fees, 'fees', errors);

  const caseKind = oneOf(guide.caseKind, 'caseKind', errors, ['IMMEDIATE', 'PROMISED'] as const);
  const promised = timeLimit(guide.promisedTimeLimit, 'promisedTimeLimit', errors, 0);
  if (caseKind === 'PROMISED' && promised === null) {
    errors.push({ element: 'promisedTimeLimit', reason: 'a promised case (承诺件) states its promised limit' });
  }
  const legal = item.legalTimeLimit;
  if (promised && legal && exceedsLimit(promised, legal)) {
    errors.push({ element: 'promisedTimeLimit', reason: `exceeds the legal limit of ${legal.value} ${legal.unit}` });
  }
  if (promised) {
    const counted = stepLimits.filter((s) => s.counted).map((s) => s.limit);
    if (counted.every((limit) => limit.unit === promised.unit)) {
      const total = counted.reduce((sum, limit) => sum + limit.value, 0);
      if (total > promised.value) {
        errors.push({ element: 'process', reason: `steps add up to ${total} ${promised.unit}, more than the promised ${promised.value}` });
      }
    }
  }

  const visits = integer(guide.visits, 'visits', errors, 0, 10);
  const depth = integer(guide.onlineDepth, 'onlineDepth', errors, 1, 4);
  boolean(guide.singleSignOn, 'singleSignOn', errors);
  oneOf(guide.acrossScope, 'acrossScope', errors, ['NONE', 'COUNTY', 'CITY', 'PROVINCE', 'NATION'] as const);
  const form = oneOf(guide.handlingForm, 'handlingForm', errors, ['WINDOW', 'ONLINE', 'BOTH'] as const);
  if (depth !== undefined) {
    if (visits !== undefined && visits > MAX_VISITS_BY_DEPTH[depth]!) {
      errors.push({ element: 'visits', reason: `online depth ${depth} allows at most ${MAX_VISITS_BY_DEPTH[depth]} visits` });
    }
    if (depth >= 2 && form === 'WINDOW') {
      errors.push({ element: 'onlineDepth', reason: 'online application (depth II or above) needs handlingForm ONLINE or BOTH' });
    }
    if (depth === 1 && form === 'ONLINE') {
      errors.push({ element: 'handlingForm', reason: 'an online-only service has at least online depth II' });
    }
    if (depth === 4 && Array.isArray(item.materials)) {
      const offline = item.materials.filter((m) => !canGoOnline(m)).map((m) => m.id);
      if (offline.length > 0) {
        errors.push({ element: 'onlineDepth', reason: `depth IV is fully online, but materials ${offline.join(', ')} have no electronic form` });
      }
    }
  }

  availability(guide.appointment, 'appointment', errors);
  availability(guide.onlinePayment, 'onlinePayment', errors);
  availability(guide.delivery, 'delivery', errors);
  oneOf(guide.runningSystem, 'runningSystem', errors, ['NATIONAL', 'PROVINCIAL', 'MUNICIPAL', 'COUNTY'] as const);
  location(guide.location, 'location', errors);
  hours(guide.hours, 'hours', errors);
  phone(guide.consultationPhone, 'consultationPhone', errors);
  phone(guide.supervisionPhone, 'supervisionPhone', errors);

  list(guide.faq, 'faq', errors, (element, path) => {
    const entry = object(element, path, ['question', 'answer'], errors);
    if (entry === null) return;
    string(entry.question, at(path, 'question'), errors, { max: MAX.text });
    string(entry.answer, at(path, 'answer'), errors, { max: MAX.quote });
  });
  date(guide.reviewedOn, 'reviewedOn', errors, true);
  return errors;
}
