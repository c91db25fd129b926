/**
 * The QR poster of a venue: an A4 PDF in Vietnamese (pdfmake's built-in QR and the Roboto fonts it
 * ships, which cover Vietnamese) and the same poster as a PNG for screens and chat apps (an SVG of
 * the same texts and the QR's modules, rasterised by resvg with those Roboto files only).
 * The code is the check-in URL; the URL is printed under it for phones that cannot scan.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { vnDateOf } from '../../lib/time.ts';

export interface PosterContent { name: string; address: string; url: string; expiresOn: string }

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
};
const allowedFiles = new Set(Object.values(FONTS.Roboto));
let configured = false;

function printer() {
  if (!configured) {
    pdfMake.setFonts(FONTS);
    // A poster reads nothing but its fonts: no URL, no other file.
    pdfMake.setUrlAccessPolicy(() => false);
    pdfMake.setLocalAccessPolicy((file) => allowedFiles.has(path.resolve(file)));
    configured = true;
  }
  return pdfMake;
}

export async function posterPdf(p: PosterContent): Promise<Buffer> {
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    info: { title: `Mã QR khai báo - ${p.name}`, subject: 'QR check-in' },
    defaultStyle: { font: 'Roboto', fontSize: 12, alignment: 'center' },
    content: [
      { text: 'KHAI BÁO Y TẾ ĐIỂM ĐẾN', bold: true, fontSize: 16, color: '#1d4ed8', margin: [0, 0, 0, 6] },
      { text: 'Quét mã QR để khai báo khi đến địa điểm', bold: true, fontSize: 22, margin: [0, 0, 0, 20] },
      { text: p.name, bold: true, fontSize: 26, margin: [0, 0, 0, 6] },
      { text: p.address, fontSize: 14, color: '#444444', margin: [0, 0, 0, 24] },
      { qr: p.url, fit: 300, eccLevel: 'M', alignment: 'center', margin: [0, 0, 0, 16] },
      { text: p.url, fontSize: 10, color: '#333333', margin: [0, 0, 0, 20] },
      { text: 'Mở camera điện thoại hoặc ứng dụng quét mã, hướng vào mã QR và làm theo hướng dẫn.', fontSize: 12, margin: [0, 0, 0, 4] },
      { text: 'Lần đầu: nhập số điện thoại, họ tên và xã/phường nơi ở; các lần sau chỉ cần quét mã.', fontSize: 12, margin: [0, 0, 0, 16] },
      { text: `Mã có hiệu lực đến ngày ${vnDateOf(p.expiresOn)}.`, fontSize: 10, italics: true, color: '#666666' },
    ],
  };
  return printer().createPdf(doc).getBuffer();
}

/** The code alone (1024 px), as the PNG was before it became the whole poster. */
export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 1024 });
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** Greedy word wrap by an average glyph width (Roboto: about 0.52 em); a word longer than a line is cut. */
export function wrapText(text: string, fontSize: number, maxWidth: number): string[] {
  const perLine = Math.max(8, Math.floor(maxWidth / (fontSize * 0.52)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w.length > 0; w = w.slice(perLine)) {
      const piece = w.slice(0, perLine);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= perLine) line += ` ${piece}`;
      else { lines.push(line); line = piece; }
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The poster as SVG (A4 at 150 dpi: 1240 × 1754), the PDF's texts in the same order. */
export function posterSvg(p: PosterContent): string {
  const W = 1240;
  const H = 1754;
  const textW = W - 200;
  const parts: string[] = [];
  let y = 150;
  const text = (t: string, size: number, o: { bold?: boolean; italic?: boolean; color?: string; after?: number } = {}) => {
    for (const l of wrapText(t, size, textW)) {
      y += size;
      parts.push(`<text x="${W / 2}" y="${y}" font-size="${size}" text-anchor="middle" fill="${o.color ?? '#111111'}"${o.bold ? ' font-weight="500"' : ''}${o.italic ? ' font-style="italic"' : ''}>${escapeXml(l)}</text>`);
      y += Math.round(size * 0.3);
    }
    y += o.after ?? 0;
  };
  text('KHAI BÁO Y TẾ ĐIỂM ĐẾN', 34, { bold: true, color: '#1d4ed8', after: 12 });
  text('Quét mã QR để khai báo khi đến địa điểm', 46, { bold: true, after: 36 });
  text(p.name, 54, { bold: true, after: 8 });
  text(p.address, 30, { color: '#444444', after: 36 });
  const qr = QRCode.create(p.url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const side = 620;
  const cell = side / (n + 8);
  const x0 = (W - side) / 2;
  const y0 = y;
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.modules.get(r, c)) d += `M${(c + 4).toFixed(0)} ${(r + 4).toFixed(0)}h1v1h-1z`;
  }
  parts.push(`<g transform="translate(${x0} ${y0}) scale(${cell})"><rect width="${n + 8}" height="${n + 8}" fill="#ffffff"/><path d="${d}" fill="#000000" shape-rendering="crispEdges"/></g>`);
  y += side + 24;
  text(p.url, 22, { color: '#333333', after: 36 });
  text('Mở camera điện thoại hoặc ứng dụng quét mã, hướng vào mã QR và làm theo hướng dẫn.', 26, { after: 6 });
  text('Lần đầu: nhập số điện thoại, họ tên và xã/phường nơi ở; các lần sau chỉ cần quét mã.', 26, { after: 30 });
  text(`Mã có hiệu lực đến ngày ${vnDateOf(p.expiresOn)}.`, 22, { italic: true, color: '#666666' });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Roboto">`
    + `<rect width="${W}" height="${H}" fill="#ffffff"/>${parts.join('')}</svg>`;
}

/** The whole poster as PNG: the SVG rasterised with the Roboto files pdfmake ships, no system font. */
export async function posterPng(p: PosterContent): Promise<Buffer> {
  const resvg = new Resvg(posterSvg(p), { font: { fontFiles: Object.values(FONTS.Roboto), loadSystemFonts: false, defaultFontFamily: 'Roboto' }, background: '#ffffff' });
  return Buffer.from(resvg.render().asPng());
}
