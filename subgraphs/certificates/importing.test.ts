import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../lib/audit/accessLog.ts';
import { makeCertificateIdentifier } from '../../lib/codes/certificateId.ts';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { storeKinds } from '../../tests/support/services.ts';
import {
  company, drivingInput, DRIVING, HOTEL, HOUSING, housingStaff, LIJUN, POLICE, policeStaff, policeSystem, startCertificatesHarness, VERIFY, WANGFANG,
  type CertificatesHarness,
} from './testSupport.ts';

const IMPORT = `mutation Import($format: ImportFormat!, $content: String!) {
  importCertificates(format: $format, content: $content) { accepted unchanged rejected rows { row identifier outcome field reason } }
}`;

const id = (serial: string, options: { typeCode?: string; issuer?: string; version?: number } = {}) =>
  makeCertificateIdentifier({ typeCode: options.typeCode ?? DRIVING, issuerUscc: options.issuer ?? POLICE, serial, version: options.version ?? 1 });

/** A field as CSV writes it: quoted, with quotes doubled. */
const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

const surface = (overrides: Record<string, unknown> = {}) => ({ ...(drivingInput()['surfaceData'] as Record<string, unknown>), ...overrides });

interface Row {
  identifier: string;
  typeCode?: string;
  holderCodeType?: string;
  holderCode?: string;
  holderName?: string;
  surfaceData?: Record<string, unknown>;
  issuedOn?: string;
  validFrom?: string;
  validUntil?: string;
  status?: string;
}

const HEADER = 'identifier,typeCode,holderCodeType,holderCode,holderName,surfaceData,issuedOn,validFrom,validUntil,status';

/** A CSV of driving licences (BOM, CRLF, surface data pretty-printed over several lines inside its quotes). */
function csv(rows: Row[]): string {
  const lines = rows.map((row) =>
    [
      row.identifier, row.typeCode ?? DRIVING, row.holderCodeType ?? '111', row.holderCode ?? WANGFANG, quote(row.holderName ?? '王芳'),
      quote(JSON.stringify(row.surfaceData ?? surface(), null, 1)), row.issuedOn ?? '2019-04-02', row.validFrom ?? '2019-04-02',
      row.validUntil ?? '2025-04-02', row.status ?? '',
    ].join(','),
  );
  return `\uFEFF${HEADER}\r\n${lines.join('\r\n')}\r\n`;
}

describe.each(storeKinds())('importCertificates (证照汇聚) on %s', (kind) => {
  let h: CertificatesHarness;
  beforeAll(async () => {
    h = await startCertificatesHarness(kind);
  });
  afterAll(async () => h?.close());

  const count = async (where = 'true') => Number((await h.service.store.query<{ n: string | number }>(`SELECT count(*) AS n FROM certificate WHERE ${where}`)).rows[0]!.n);
  const run = async (principal: typeof policeStaff, format: 'CSV' | 'JSON', content: string) => {
    const { body } = await h.post(principal, IMPORT, { format, content });
    return body;
  };

  const good = id('L2019000001');
  const revoked = id('L2019000002');
  const wrongCheck = (() => {
    const valid = id('L2019000003');
    return `${valid.slice(0, -1)}${valid.endsWith('0') ? '1' : '0'}`;
  })();
  const FILE = csv([
    // An address with a comma, over several lines of pretty-printed JSON inside a quoted field.
    { identifier: good, surfaceData: surface({ address: '陕西省汉中市勉县, 武侯路8号' }) },
    { identifier: revoked, holderCode: LIJUN, holderName: '李军', surfaceData: surface({ name: '李军', sex: '男' }), status: 'REVOKED' },
    { identifier: wrongCheck },
    { identifier: id('L2019000004', { issuer: HOUSING }) },
    { identifier: id('L2019000005'), surfaceData: surface({ vehicleClass: 'Z9' }) },
    { identifier: id('L2019000006'), holderCode: `${WANGFANG.slice(0, 17)}${WANGFANG.endsWith('0') ? '1' : '0'}` },
    { identifier: good, surfaceData: surface({ address: '陕西省汉中市勉县, 武侯路8号' }) },
    { identifier: id('L2019000008', { typeCode: HOTEL }) },
    { identifier: id('L2019000009'), validUntil: '2018-01-01' },
    { identifier: id('L2019000010'), status: 'SUPERSEDED' },
  ]);

  it('stores and seals the valid rows as IMPORTED, and reports every other row with its field and reason', async () => {
    const report = (await run(policeSystem, 'CSV', FILE)).data.importCertificates;
    expect(report).toMatchObject({ accepted: 2, unchanged: 1, rejected: 7 });
    const byRow = (row: number) => report.rows.find((r: any) => r.row === row);
    expect(report.rows.map((r: any) => r.row)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byRow(1)).toEqual({ row: 1, identifier: good, outcome: 'ACCEPTED', field: null, reason: null });
    expect(byRow(2)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(byRow(3)).toMatchObject({ identifier: wrongCheck, outcome: 'REJECTED', field: 'identifier' });
    expect(byRow(3).reason).toMatch(/check character should be/);
    expect(byRow(4)).toMatchObject({ outcome: 'REJECTED', field: 'identifier' });
    expect(byRow(4).reason).toMatch(/issuer part .* is not your agency/);
    expect(byRow(5)).toMatchObject({ outcome: 'REJECTED', field: 'surfaceData.vehicleClass' });
    expect(byRow(6)).toMatchObject({ outcome: 'REJECTED', field: 'holder.code' });
    expect(byRow(7)).toMatchObject({ outcome: 'UNCHANGED', reason: 'the same certificate as row 1' });
    expect(byRow(8)).toMatchObject({ outcome: 'REJECTED', field: 'identifier' });
    expect(byRow(8).reason).toMatch(/type part .* is not the row’s typeCode/);
    expect(byRow(9)).toMatchObject({ outcome: 'REJECTED', field: 'validUntil' });
    expect(byRow(10)).toMatchObject({ outcome: 'REJECTED', field: 'status' });

    expect(await count("source = 'IMPORTED'")).toBe(2);
    const { rows } = await h.service.store.query<{ surface_data: any; status: string; issued_by: string; seal_kid: string }>(
      'SELECT surface_data, status, issued_by, seal_kid FROM certificate WHERE identifier = ANY($1::text[]) ORDER BY identifier',
      [[good, revoked]],
    );
    expect(rows.map((row) => row.status)).toEqual(['ACTIVE', 'REVOKED']);
    expect(rows[0]!.surface_data.address).toBe('陕西省汉中市勉县, 武侯路8号');
    expect(rows[0]!.issued_by).toBe('dept-610725-police');
    // Sealed on import: verification checks the seal (and the validity: this one ran out on 2025-04-02).
    const { body } = await h.post(ANONYMOUS, VERIFY, { identifier: good });
    expect(body.data.verifyCertificate).toMatchObject({ status: 'EXPIRED', issuer: { uscc: POLICE }, sealKeyId: rows[0]!.seal_kid });
    const { body: revokedBody } = await h.post(ANONYMOUS, VERIFY, { identifier: revoked });
    expect(revokedBody.data.verifyCertificate.status).toBe('REVOKED');
    const written = await h.service.store.query("SELECT resource_id FROM access_log WHERE action = 'WRITE' AND resource_id = ANY($1::text[])", [[good, revoked]]);
    expect(written.rows).toHaveLength(2);
    expect(await verifyChain(h.service.store)).toMatchObject({ ok: true });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await count();
    const log = Number((await h.service.store.query<{ n: string | number }>('SELECT count(*) AS n FROM access_log')).rows[0]!.n);
    const report = (await run(policeStaff, 'CSV', FILE)).data.importCertificates;
    expect(report).toMatchObject({ accepted: 0, unchanged: 3, rejected: 7 });
    expect(await count()).toBe(before);
    expect(Number((await h.service.store.query<{ n: string | number }>('SELECT count(*) AS n FROM access_log')).rows[0]!.n)).toBe(log);
  });

  it('never overwrites: a stored identifier with other content is rejected', async () => {
    const report = (await run(policeStaff, 'CSV', csv([{ identifier: good, surfaceData: surface({ vehicleClass: 'B2' }) }]))).data.importCertificates;
    expect(report).toMatchObject({ accepted: 0, unchanged: 0, rejected: 1 });
    expect(report.rows[0]).toMatchObject({ field: 'identifier', outcome: 'REJECTED' });
    expect(report.rows[0].reason).toMatch(/never overwrites/);
    const { rows } = await h.service.store.query<{ surface_data: any }>('SELECT surface_data FROM certificate WHERE identifier = $1', [good]);
    expect(rows[0]!.surface_data.vehicleClass).toBe('C1');
  });

  it('imports JSON, and keeps native serials above imported 10-digit ones', async () => {
    const serial = id('0000000050');
    const content = JSON.stringify([
      { identifier: serial, typeCode: DRIVING, holder: { codeType: '111', code: WANGFANG, name: '王芳' }, surfaceData: surface(), issuedOn: '2025-01-02', validFrom: '2025-01-02', validUntil: '2031-01-02' },
      { identifier: id('0000000051'), typeCode: DRIVING, holder: { codeType: '111', code: WANGFANG, name: '王芳' }, surfaceData: '{}', issuedOn: '2025-01-02', validFrom: '2025-01-02', validUntil: '2031-01-02' },
      42,
    ]);
    const report = (await run(policeStaff, 'JSON', content)).data.importCertificates;
    expect(report).toMatchObject({ accepted: 1, unchanged: 0, rejected: 2 });
    expect(report.rows[1]).toMatchObject({ field: 'surfaceData' });
    expect(report.rows[2]).toMatchObject({ row: 3, identifier: null, field: 'row' });
    const issued = await h.issue(policeStaff, drivingInput());
    expect(issued.identifier.split('.')[7]).toBe('0000000051');
    expect(await verifyChain(h.service.store)).toMatchObject({ ok: true });
  });

  it('refuses the whole import, storing nothing, for unknown columns, missing columns, bad CSV or JSON and oversize content', async () => {
    const before = await count();
    const whole: Array<['CSV' | 'JSON', string, RegExp]> = [
      ['CSV', FILE.replace('status', 'remarks'), /unknown column "remarks"/],
      ['CSV', FILE.replace(',validFrom', ''), /lacks the column validFrom/],
      ['CSV', '', /no header row/],
      ['CSV', `${HEADER}\n"${good}`, /not closed/],
      ['JSON', '{"identifier": 1}', /JSON array/],
      ['JSON', 'not json', /not JSON/],
      ['JSON', JSON.stringify([{ identifier: good, colour: 'red' }]), /unknown key "colour"/],
      ['CSV', `${HEADER}\n${'x,,,,,,,,,\n'.repeat(10_001)}`, /at most 10000/],
      ['CSV', `${HEADER}\n${'x'.repeat(5 * 1024 * 1024)}`, /at most 5242880 bytes/],
    ];
    for (const [format, content, reason] of whole) {
      const body = await run(policeStaff, format, content);
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
      expect(body.errors[0].extensions.reason).toMatch(reason);
    }
    expect(await count()).toBe(before);
  });

  it('is for the issuing agency’s staff and system only', async () => {
    expect((await run(company, 'CSV', FILE)).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await run(ANONYMOUS as typeof policeStaff, 'CSV', FILE)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    // Another agency's staff: every row names the police as issuer, so every row is refused.
    const report = (await run(housingStaff, 'CSV', csv([{ identifier: id('L2019000020') }]))).data.importCertificates;
    expect(report.rows[0]).toMatchObject({ outcome: 'REJECTED', field: 'identifier' });
  });
});
