/** Vaccination spreadsheets: the invited list of a session and the coverage table. */
import ExcelJS from 'exceljs';
import { neutraliseFormula, vnDateText, workbookBuffer } from '../../lib/xlsx.ts';
import type { coverage, listInvitees } from './vaccination.service.ts';

export async function inviteesWorkbook(list: Awaited<ReturnType<typeof listInvitees>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách mời tiêm');
  ws.addRow([`Buổi tiêm ${list.session.id} — ${list.session.siteName} — ${vnDateText(list.session.date)}`]).font = { bold: true };
  ws.addRow(['STT', 'Họ và tên / Full name', 'Ngày sinh / Date of birth', 'Số CCCD / ID number', 'Điện thoại / Phone', 'Địa chỉ / Address', 'Mã xã / Commune', 'Nhóm ưu tiên / Priority group', 'Đã đến / Attended']).font = { bold: true };
  list.items.forEach((p, i) => ws.addRow([i + 1, neutraliseFormula(p.fullName), p.dateOfBirth ? vnDateText(p.dateOfBirth.includes('*') ? null : p.dateOfBirth) ?? p.dateOfBirth : '', p.nationalId ?? '', p.phone ?? '', neutraliseFormula(p.addressDetail) ?? '', p.communeCode, p.priorityGroup ?? '', p.attended ? 'x' : '']));
  ws.columns.forEach((c, i) => { c.width = [6, 26, 14, 16, 14, 26, 10, 22, 8][i] ?? 12; });
  return await workbookBuffer(wb);
}

export async function coverageWorkbook(c: Awaited<ReturnType<typeof coverage>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Độ bao phủ');
  ws.addRow([`Độ bao phủ vắc xin COVID-19 đến ngày ${vnDateText(c.date)}`]).font = { bold: true };
  ws.addRow(['Huyện / District', 'Xã / Commune', 'Dân số', '≥18 tuổi', '≥18 có ≥1 mũi', '%', '≥50 tuổi', '≥50 đủ mũi', '%', '≥65 tuổi', '≥65 đủ mũi', '%', 'Đủ mũi (toàn dân)', '%']).font = { bold: true };
  const line = (a: string, b: string, r: (typeof c)['total']) => ws.addRow([a, b, r.population, r.adults, r.adultsOneDose, r.adultsOneDosePercent, r.over50, r.over50Full, r.over50FullPercent, r.over65, r.over65Full, r.over65FullPercent, r.populationFull, r.populationFullPercent]);
  for (const d of c.districts) {
    line(d.name, '', d).font = { bold: true };
    for (const x of c.communes.filter((x) => x.districtCode === d.districtCode)) line('', x.name, x);
  }
  line('Toàn tỉnh / Province', '', c.total).font = { bold: true };
  ws.columns.forEach((col, i) => { col.width = i < 2 ? 24 : 11; });
  return await workbookBuffer(wb);
}
