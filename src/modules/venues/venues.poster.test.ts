import { describe, expect, it } from 'vitest';
import { posterPng, posterSvg, qrPng, wrapText } from './venues.poster.ts';

const content = {
  name: 'Nhà hàng Ẩm thực "Sông Thương" & Quán Bún chả <Đồng Quê>', address: 'Thôn Trung Đồng, xã Vân Trung, huyện Việt Yên, tỉnh Bắc Giang',
  url: 'http://epi.example.vn/c/AbCdEfGhIjKlMnOpQrStUvWx12345', expiresOn: '2021-09-10',
};
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ihdr = (png: Buffer) => ({ chunk: png.subarray(12, 16).toString('latin1'), width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the PNG poster', () => {
  it('is the whole A4 poster, larger than the code alone, with Vietnamese text rendered', async () => {
    const png = await posterPng(content);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(ihdr(png)).toEqual({ chunk: 'IHDR', width: 1240, height: 1754 });
    const qr = await qrPng(content.url);
    expect(ihdr(qr).width).toBe(1024);
    expect(png.length).toBeGreaterThan(qr.length);
  });

  it('writes the texts of the PDF, escaped, with the expiry date dd/mm/yyyy', () => {
    const svg = posterSvg(content);
    for (const s of ['KHAI BÁO Y TẾ ĐIỂM ĐẾN', 'Quét mã QR để khai báo', 'xã Vân Trung', 'Mã có hiệu lực đến ngày 10/09/2021.', content.url]) expect(svg).toContain(s);
    expect(svg).toContain('&quot;Sông Thương&quot; &amp;');
    expect(svg).not.toContain('<Đồng');
  });

  it('wraps long lines on words and cuts a word longer than a line', () => {
    const lines = wrapText('một hai ba bốn năm sáu bảy tám chín mười', 20, 120);
    expect(lines.every((l) => l.length <= 11)).toBe(true);
    expect(lines.join(' ')).toBe('một hai ba bốn năm sáu bảy tám chín mười');
    expect(wrapText('x'.repeat(30), 20, 120)).toEqual(['x'.repeat(11), 'x'.repeat(11), 'x'.repeat(8)]);
  });
});
