import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../../lib/auth/principal.ts';
import { storeKinds } from '../../tests/support/services.ts';
import { escapeHtml, qrSvg, verificationUrl } from './printable.ts';
import { wantsHtml } from './routes.ts';
import { drivingInput, lijun, policeStaff, policeSystem, startCertificatesHarness, wangfang, WANGFANG, type CertificatesHarness } from './testSupport.ts';

const PRINT = `query Print($identifier: ID!) { certificate(identifier: $identifier) { identifier sealKeyId source printableHtml } }`;
const REVOKE = `mutation Revoke($identifier: ID!) { revokeCertificate(identifier: $identifier, reason: "违法记分满12分") { status } }`;
const HOSTILE = '<script>alert("证照")</script>&<img src=x onerror=alert(1)>';

describe('escapeHtml and wantsHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('answers HTML for format=html, or an Accept that ranks text/html above JSON', () => {
    expect(wantsHtml('html', undefined)).toBe(true);
    expect(wantsHtml('json', 'text/html')).toBe(false);
    expect(wantsHtml(null, undefined)).toBe(false);
    expect(wantsHtml(null, '*/*')).toBe(false);
    expect(wantsHtml(null, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe(true);
    expect(wantsHtml(null, 'application/json, text/html;q=0.5')).toBe(false);
  });
});

describe.each(storeKinds())('printable rendition and verification page on %s', (kind) => {
  let h: CertificatesHarness;
  let identifier: string;
  beforeAll(async () => {
    h = await startCertificatesHarness(kind);
    identifier = (await h.issue(policeSystem, drivingInput({ surfaceData: { ...(drivingInput()['surfaceData'] as object), address: HOSTILE } }))).identifier;
  });
  afterAll(async () => h?.close());

  /** GETs a plain route as the gateway forwards it, as text. */
  const getText = async (path: string, headers: Record<string, string> = {}) => {
    const token = await h.gateway.sign({ principal: ANONYMOUS, meta: { clientIp: null, purpose: null } });
    const response = await fetch(new URL(path, h.service.url), { headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, type: response.headers.get('content-type') ?? '', csp: response.headers.get('content-security-policy'), text: await response.text() };
  };

  it('renders a self-contained HTML document with every surface field, the QR code as SVG, and surface data escaped', async () => {
    const { body } = await h.post(wangfang, PRINT, { identifier });
    expect(body.errors).toBeUndefined();
    const { printableHtml: html, sealKeyId, source } = body.data.certificate;
    expect(source).toBe('ISSUED');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    for (const text of ['中华人民共和国机动车驾驶证', identifier, '王芳', WANGFANG, '准驾车型', 'C1', '档案编号', '2025-05-20 至 2031-05-20', sealKeyId, '有效']) {
      expect(html).toContain(text);
    }
    // The QR code: inline SVG of the public verification page (PUBLIC_URL defaults to http://localhost:4000).
    const url = verificationUrl('http://localhost:4000', identifier);
    expect(url).toBe(`http://localhost:4000/certificates/verify?identifier=${identifier}&format=html`);
    expect(html).toContain(await qrSvg(url));
    expect(html).toMatch(/<svg[^>]*>.*<path/s);
    // Escaped, never markup; and nothing loaded from elsewhere.
    expect(html).toContain('&lt;script&gt;alert(&quot;证照&quot;)&lt;/script&gt;&amp;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toMatch(/<script|<img|<link|<iframe|\bsrc=["']?http|\bhref=/i);
  });

  it('is shown only to whom may read the certificate', async () => {
    const { body } = await h.post(lijun, PRINT, { identifier });
    expect(body.data.certificate).toBeNull();
    const { body: staff } = await h.post(policeStaff, PRINT, { identifier });
    expect(staff.data.certificate.printableHtml).toContain(identifier);
  });

  it('answers the verification page as HTML with format=html, in words and without personal data; JSON otherwise', async () => {
    const page = await getText(`/certificates/verify?identifier=${identifier}&format=html`);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html; charset=utf-8/);
    expect(page.csp).toContain("default-src 'none'");
    expect(page.text).toContain('有效');
    expect(page.text).toContain('中华人民共和国机动车驾驶证');
    expect(page.text).toContain('2025-05-20 至 2031-05-20');
    expect(page.text).not.toContain('王芳');
    expect(page.text).not.toContain(WANGFANG);
    expect(page.text).not.toContain('script');

    const byAccept = await getText(`/certificates/verify?identifier=${identifier}`, { accept: 'text/html' });
    expect(byAccept.type).toMatch(/^text\/html/);
    const json = await getText(`/certificates/verify?identifier=${identifier}`);
    expect(json.type).toMatch(/^application\/json/);
    expect(JSON.parse(json.text).status).toBe('VALID');

    await h.post(policeStaff, REVOKE, { identifier });
    const revoked = await getText(`/certificates/verify?identifier=${identifier}&format=html`);
    expect(revoked.text).toContain('已吊销');
    const invalid = await getText('/certificates/verify?identifier=%3Cb%3E&format=html');
    expect(invalid.text).toContain('无效');
    expect(invalid.text).not.toContain('<b>');
  });
});
