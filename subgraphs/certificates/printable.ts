import type { VerificationModel } from './models.ts';
import QRCode from 'qrcode';
import { HOLDER_CODE_TYPE_NAMES, type CertificateModel, type CertificateStatus, type CertificateTypeModel, type VerificationStatus } from './models.ts';
import { VERIFY_PATH } from './routes.ts';

/**
 * The printable rendition of a certificate (打印版): one self-contained HTML document — inline CSS,
 * the QR code as inline SVG, no scripts and no external assets — with the type, identifier,
 * holder, every surface field with its label, validity, issuer and seal key. The QR code leads to
 * the public verification page. Every value is HTML-escaped: surface data is what an agency typed.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** The public verification page of a certificate: what its QR code encodes. */
export function verificationUrl(publicUrl: string, identifier: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${VERIFY_PATH}?identifier=${encodeURIComponent(identifier)}&format=html`;
}

/** The QR code of a text as an inline SVG element (no XML declaration). */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return svg.replace(/^<\?xml[^>]*\?>\s*/, '').trim();
}

export const CERTIFICATE_STATUS_WORDS: Readonly<Record<CertificateStatus, string>> = {
  ACTIVE: '有效',
  EXPIRED: '已过期',
  REVOKED: '已吊销',
  CANCELLED: '已注销',
  SUPERSEDED: '已换发',
};

export const VERIFICATION_STATUS_WORDS: Readonly<Record<VerificationStatus, string>> = {
  VALID: '有效',
  NOT_YET_VALID: '尚未生效',
  EXPIRED: '已过期',
  REVOKED: '已吊销',
  CANCELLED: '已注销',
  SUPERSEDED: '已换发',
  TAMPERED: '已被篡改',
  UNKNOWN: '未知证照',
  INVALID: '无效',
};

const STYLE = `
  body { font-family: "Noto Serif SC", "Songti SC", SimSun, serif; margin: 0; padding: 24px; color: #1a1a1a; background: #fff; }
  .certificate { max-width: 720px; margin: 0 auto; border: 3px double #b22222; padding: 24px 32px; }
  h1 { text-align: center; font-size: 26px; letter-spacing: 4px; margin: 8px 0 4px; }
  .identifier { text-align: center; font-family: monospace; font-size: 12px; color: #555; word-break: break-all; }
  .status { text-align: center; font-weight: bold; margin: 8px 0 16px; }
  table { width: 100%; border-collapse: collapse; margin: 12px 0; }
  th, td { border: 1px solid #999; padding: 6px 10px; text-align: left; vertical-align: top; font-size: 14px; }
  th { width: 32%; background: #f6f1f1; font-weight: normal; }
  .footer { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; margin-top: 16px; font-size: 12px; }
  .qr { width: 140px; height: 140px; flex: none; }
  .qr svg { width: 100%; height: 100%; }
  .seal { font-family: monospace; word-break: break-all; }
  @media print { body { padding: 0; } .certificate { border-color: #000; } }
`;

const row = (label: string, value: unknown) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;

export interface PrintableInput {
  certificate: CertificateModel;
  type: CertificateTypeModel | null;
  /** The certificate's status as Certificate.status answers it (EXPIRED computed). */
  status: CertificateStatus;
  /** Where clients reach the gateway (PUBLIC_URL). */
  publicUrl: string;
}

export async function printableHtml({ certificate, type, status, publicUrl }: PrintableInput): Promise<string> {
  const typeName = type?.name ?? certificate.typeCode;
  const url = verificationUrl(publicUrl, certificate.identifier);
  const fields = type?.surfaceFields ?? Object.keys(certificate.surfaceData).map((name) => ({ name, label: name }));
  const surfaceRows = fields
    .filter((field) => certificate.surfaceData[field.name] !== undefined && certificate.surfaceData[field.name] !== null)
    .map((field) => row(field.label, certificate.surfaceData[field.name]))
    .join('\n        ');
  const holder = certificate.holder;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(typeName)} ${escapeHtml(certificate.identifier)}</title>
<style>${STYLE}</style>
</head>
<body>
  <main class="certificate">
    <h1>${escapeHtml(typeName)}</h1>
    <p class="identifier">证照标识 ${escapeHtml(certificate.identifier)}</p>
    <p class="status">状态：${escapeHtml(CERTIFICATE_STATUS_WORDS[status])}</p>
    <table>
      <tbody>
        ${row('持证主体', holder.name)}
        ${row(`持证主体代码（${HOLDER_CODE_TYPE_NAMES[holder.codeType]}）`, holder.code)}
        ${surfaceRows}
        ${row('发证日期', certificate.issuedOn)}
        ${row('有效期', `${certificate.validFrom} 至 ${certificate.validUntil ?? '长期'}`)}
        ${row('发证机关（统一社会信用代码）', certificate.issuer)}
        ${certificate.documentNumber === null ? '' : row('文书编号', certificate.documentNumber)}
      </tbody>
    </table>
    <div class="footer">
      <div>
        <p>电子印章密钥标识：<span class="seal">${escapeHtml(certificate.sealKeyId)}</span></p>
        <p>扫描二维码或访问下列地址核验真伪：<br><span class="seal">${escapeHtml(url)}</span></p>
      </div>
      <div class="qr" role="img" aria-label="核验二维码">${await qrSvg(url)}</div>
    </div>
  </main>
</body>
</html>
`;
}

/** The public verification page (GET /certificates/verify?format=html): no holder, no surface data. */
export function verificationPage(verification: VerificationModel): string {
  const good = verification.status === 'VALID';
  const rows = [
    verification.typeName === null ? '' : row('证照名称', verification.typeName),
    verification.identifier === null ? '' : row('证照标识', verification.identifier),
    verification.issuer === null ? '' : row('发证机关（统一社会信用代码）', verification.issuer),
    verification.validFrom === null ? '' : row('有效期', `${verification.validFrom} 至 ${verification.validUntil ?? '长期'}`),
    verification.supersededBy === null ? '' : row('换发后的证照', verification.supersededBy),
    verification.sealKeyId === null ? '' : row('电子印章密钥标识', verification.sealKeyId),
    row('说明', verification.reason),
    row('核验日期', verification.checkedOn),
  ].filter((line) => line !== '');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>电子证照核验：${escapeHtml(VERIFICATION_STATUS_WORDS[verification.status])}</title>
<style>${STYLE}
  .verdict { text-align: center; font-size: 28px; font-weight: bold; margin: 12px 0; color: ${good ? '#1b7f3a' : '#b22222'}; }
</style>
</head>
<body>
  <main class="certificate">
    <h1>电子证照核验</h1>
    <p class="verdict" data-status="${escapeHtml(verification.status)}">${escapeHtml(VERIFICATION_STATUS_WORDS[verification.status])}</p>
    <table>
      <tbody>
        ${rows.join('\n        ')}
      </tbody>
    </table>
  </main>
</body>
</html>
`;
}
