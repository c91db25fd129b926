/**
 * The QR poster of a venue: an A4 PDF in Vietnamese (pdfmake's built-in QR and the Roboto fonts it
 * ships, which cover Vietnamese) and a PNG of the code alone (qrcode) for screens and chat apps.
 * The code is the check-in URL; the URL is printed under it for phones that cannot scan.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfMake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
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

export async function posterPng(p: PosterContent): Promise<Buffer> {
  return QRCode.toBuffer(p.url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 1024 });
}
