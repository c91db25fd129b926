/**
 * The demo province's directives: the province's agencies (departments and a district steering
 * committee per district) and four steering meetings of the 2021 wave up to the as-of day, with
 * numbered conclusions and tasks in the words of the province's notices (seeds 000–002), some
 * reported, accepted, returned, overdue. Each meeting carries the situation figures of its day
 * from the dashboard. Idempotent: a province that already has agencies is left alone.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { communesOf, lookupUnits } from '../places/places.service.ts';
import type { Actor } from '../auth/policy.ts';
import { type Deadline, deadlineColumns } from './directives.domain.ts';
import * as repo from './directives.repository.ts';
import { situationSnapshot } from './directives.service.ts';

export interface DirectivesDemoSummary { agencies: number; meetings: number; tasks: number; reports: number }

/** The provincial departments and units that receive tasks, with their short names (used as keys below). */
const DEPARTMENTS: Array<[string, string]> = [
  ['Sở Y tế', 'SYT'],
  ['Công an tỉnh', 'CA'],
  ['Bộ Chỉ huy Quân sự tỉnh', 'BCHQS'],
  ['Sở Thông tin và Truyền thông', 'STTTT'],
  ['Sở Lao động – Thương binh và Xã hội', 'SLĐTBXH'],
  ['Ban Quản lý các khu công nghiệp tỉnh', 'BQL KCN'],
  ['Sở Công Thương', 'SCT'],
  ['Sở Giao thông vận tải', 'SGTVT'],
  ['Sở Tài chính', 'STC'],
  ['Sở Giáo dục và Đào tạo', 'SGDĐT'],
  ['Sở Văn hoá, Thể thao và Du lịch', 'SVHTTDL'],
];
const OTHERS: Array<[string, string]> = [['Trung tâm Kiểm soát bệnh tật tỉnh', 'CDC']];

/** A report: day, percent, done, text; or the command centre's answer. */
type Step = { day: string; percent: number; done?: boolean; text: string } | { day: string; accept: string } | { day: string; returnReason: string };
interface DemoTask { title: string; body: string; lead: string; supports: string[]; deadline: Deadline; priority: 'high' | 'normal' | 'low'; steps: Step[] }
interface DemoMeeting { heldOn: string; title: string; chair: string; attendees: string[]; noticeNo: string | null; items: Array<{ text: string; tasks: DemoTask[] }> }

const daily = (from: string, until: string, days: string[], text: (d: string) => string): Step[] => {
  const out: Step[] = [];
  for (let d = from; d <= until; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    if (!days.includes(d)) out.push({ day: d, percent: 50, text: text(d) });
  }
  return out;
};

/** District committees are keyed 'BCĐ <district name without its type>' ('BCĐ Việt Yên'). */
const MEETINGS: DemoMeeting[] = [
  {
    heldOn: '2021-05-13', title: 'Hội nghị giao ban trực tuyến 3 cấp tỉnh, huyện, xã về công tác phòng, chống dịch COVID-19', chair: 'Chủ tịch UBND tỉnh',
    attendees: ['Bí thư Tỉnh ủy', 'Phó Chủ tịch Thường trực UBND tỉnh', 'Thành viên Ban Chỉ đạo tỉnh', 'Ban Chỉ đạo các huyện, thành phố', 'Ban Chỉ đạo các xã, phường, thị trấn'],
    noticeNo: '112/TB-UBND',
    items: [
      {
        text: 'Sở Y tế, Ban Quản lý các khu công nghiệp và các huyện, thành phố đẩy nhanh tốc độ xét nghiệm đối với công nhân làm việc trong KCN Vân Trung; trong thời gian chưa xét nghiệm xong, yêu cầu công nhân hạn chế tối đa tiếp xúc.',
        tasks: [
          {
            title: 'Lấy mẫu xong toàn bộ công nhân làm việc tại KCN Vân Trung đang thường trú, tạm trú, ở trọ trên địa bàn', body: 'Phối hợp với Ban Chỉ đạo cấp huyện lập danh sách, tổ chức lấy mẫu tại nơi ở của công nhân.',
            lead: 'CDC', supports: ['BCĐ Việt Yên', 'BCĐ Yên Dũng'], deadline: { kind: 'date', dueOn: '2021-05-15' }, priority: 'high',
            steps: [
              { day: '2021-05-14', percent: 60, text: 'Đã lấy 18.400 mẫu công nhân tại các xã Vân Trung, Quang Châu, Nội Hoàng.' },
              { day: '2021-05-15', percent: 100, done: true, text: 'Hoàn thành lấy mẫu 31.200 công nhân ở trọ trên địa bàn hai huyện.' },
              { day: '2021-05-16', accept: 'Đạt yêu cầu.' },
            ],
          },
          {
            title: 'Điều phối các đơn vị có chức năng xét nghiệm ký hợp đồng xét nghiệm bắt buộc cho toàn bộ công nhân, cán bộ quản lý, chuyên gia tại các doanh nghiệp trong KCN Vân Trung', body: 'Chi phí do doanh nghiệp chi trả.',
            lead: 'SYT', supports: ['BQL KCN'], deadline: { kind: 'date', dueOn: '2021-05-16' }, priority: 'high',
            steps: [
              { day: '2021-05-17', percent: 100, done: true, text: 'Các doanh nghiệp đã ký hợp đồng xét nghiệm với 6 đơn vị; đã xét nghiệm xong cho người lao động.' },
              { day: '2021-05-18', accept: 'Hoàn thành chậm 01 ngày.' },
            ],
          },
        ],
      },
      {
        text: 'Ban Quản lý các khu công nghiệp chủ trì, phối hợp với Sở Y tế, Sở Lao động – Thương binh và Xã hội làm việc với các doanh nghiệp để bàn phương án tổ chức lại sản xuất sau khi có kết quả xét nghiệm của lao động.',
        tasks: [{
          title: 'Xây dựng phương án tổ chức lại sản xuất theo Bộ chỉ số đánh giá mức độ nguy cơ lây nhiễm tại các cơ sở sản xuất, kinh doanh', body: 'Doanh nghiệp nào bảo đảm điều kiện an toàn thì cho tiếp tục hoạt động.',
          lead: 'BQL KCN', supports: ['SYT', 'SLĐTBXH'], deadline: { kind: 'date', dueOn: '2021-05-25' }, priority: 'high',
          steps: [
            { day: '2021-05-20', percent: 50, text: 'Đã làm việc với 42 doanh nghiệp tại KCN Quang Châu, Vân Trung.' },
            { day: '2021-05-24', percent: 100, done: true, text: 'Ban hành phương án tổ chức sản xuất an toàn cho các doanh nghiệp trong KCN.' },
            { day: '2021-05-26', returnReason: 'Phương án chưa có nội dung quản lý công nhân ở nhà trọ ngoài KCN.' },
            { day: '2021-06-02', percent: 100, done: true, text: 'Bổ sung phương án quản lý công nhân ở trọ: đưa đón tập trung, "3 tại chỗ".' },
          ],
        }],
      },
      {
        text: 'UBND các huyện, thành phố quản lý chặt chẽ việc cho thuê nhà trọ trên địa bàn; thành lập các tổ giám sát COVID tại cộng đồng để tuyên truyền, vận động, giám sát người ra vào địa bàn.',
        tasks: [{
          title: 'Rà soát, lập danh sách người thuê trọ tại các khu nhà trọ công nhân; thành lập tổ giám sát COVID cộng đồng tại các thôn', body: '',
          lead: 'BCĐ Việt Yên', supports: ['CA'], deadline: { kind: 'date', dueOn: '2021-05-14' }, priority: 'normal',
          steps: [
            { day: '2021-05-14', percent: 100, done: true, text: 'Đã thành lập 1.085 tổ COVID cộng đồng; lập danh sách 28.600 người ở trọ.' },
            { day: '2021-05-15', accept: 'Đạt yêu cầu.' },
          ],
        }],
      },
      {
        text: 'Bộ Chỉ huy Quân sự tỉnh và UBND các huyện, thành phố triển khai các biện pháp phòng, chống lây nhiễm chéo trong khu cách ly; Sở Y tế thường xuyên kiểm tra.',
        tasks: [{
          title: 'Phân loại, bố trí phòng cách ly theo mức độ nguy cơ, không để người có nguy cơ cao ở chung phòng với người có nguy cơ thấp', body: 'Báo cáo kết quả vào thứ Sáu hằng tuần.',
          lead: 'BCHQS', supports: ['SYT'], deadline: { kind: 'weekly', weekday: 5, from: '2021-05-14', until: '2021-06-25' }, priority: 'normal',
          steps: [
            { day: '2021-05-14', percent: 20, text: 'Đã phân khu theo nguy cơ tại 12 khu cách ly tập trung.' },
            { day: '2021-05-21', percent: 40, text: 'Bố trí thêm 2 khu cách ly tại trường quân sự tỉnh.' },
            { day: '2021-06-04', percent: 70, text: 'Không phát sinh lây nhiễm chéo trong tuần.' },
          ],
        }],
      },
      {
        text: 'Sở Y tế phối hợp với Sở Công Thương, UBND các huyện Lục Ngạn, Tân Yên xây dựng phương án phòng, chống dịch gắn với việc tiêu thụ vải thiều.',
        tasks: [{
          title: 'Xây dựng phương án phòng, chống dịch gắn với việc tiêu thụ vải thiều, bảo vệ vùng vải đủ điều kiện tiêu thụ trong nước và xuất khẩu', body: '',
          lead: 'SYT', supports: ['SCT', 'BCĐ Lục Ngạn', 'BCĐ Tân Yên'], deadline: { kind: 'date', dueOn: '2021-05-31' }, priority: 'normal',
          steps: [
            { day: '2021-05-29', percent: 100, done: true, text: 'Ban hành phương án; lập 12 tổ hỗ trợ thương nhân tại các điểm thu mua.' },
            { day: '2021-05-31', accept: '' },
          ],
        }],
      },
    ],
  },
  {
    heldOn: '2021-05-18', title: 'Hội nghị trực tuyến về công tác phòng, chống dịch COVID-19 tại các khu công nghiệp', chair: 'Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo tỉnh',
    attendees: ['Thường trực Tỉnh ủy', 'Các Phó Chủ tịch UBND tỉnh', 'Giám đốc Công an tỉnh', 'Chỉ huy trưởng Bộ CHQS tỉnh', 'Giám đốc Sở Y tế', 'Trưởng ban Ban Quản lý các KCN tỉnh'],
    noticeNo: '128/TB-UBND',
    items: [
      {
        text: 'Tạm dừng hoạt động các doanh nghiệp trong KCN Quang Châu, Vân Trung, Đình Trám, Song Khê – Nội Hoàng từ 00 giờ ngày 18/5/2021; doanh nghiệp chỉ hoạt động trở lại khi bảo đảm điều kiện an toàn phòng, chống dịch.',
        tasks: [{
          title: 'Kiểm tra điều kiện an toàn của doanh nghiệp đề nghị hoạt động trở lại', body: 'Báo cáo hằng ngày số doanh nghiệp được phép hoạt động trở lại và số lao động.',
          lead: 'BQL KCN', supports: ['CA', 'SLĐTBXH'], deadline: { kind: 'daily', from: '2021-05-19', until: '2021-06-10' }, priority: 'high',
          steps: daily('2021-05-19', '2021-06-09', ['2021-05-30', '2021-06-06'], (d) => `Ngày ${d.slice(8, 10)}/${d.slice(5, 7)}: kiểm tra doanh nghiệp đề nghị hoạt động trở lại; chưa phát sinh ca bệnh tại doanh nghiệp đã hoạt động.`),
        }],
      },
      {
        text: 'Bảo đảm nơi ăn, ở cho công nhân không về được nơi cư trú trong thời gian tạm dừng sản xuất.',
        tasks: [{
          title: 'Xây dựng phương án hỗ trợ công nhân lưu trú tại nhà trọ, ký túc xá trong thời gian tạm dừng sản xuất', body: '',
          lead: 'SLĐTBXH', supports: ['BQL KCN', 'STC'], deadline: { kind: 'date', dueOn: '2021-05-22' }, priority: 'high', steps: [],
        }],
      },
      {
        text: 'Chấn chỉnh ngay việc cập nhật phần mềm quản lý lao động và truy vết trong doanh nghiệp.',
        tasks: [{
          title: 'Thành lập tổ kiểm tra việc cập nhật phần mềm quản lý lao động và truy vết tại các doanh nghiệp', body: 'Có biện pháp xử lý kiên quyết đối với doanh nghiệp không thực hiện nghiêm túc.',
          lead: 'BQL KCN', supports: ['STTTT', 'SLĐTBXH'], deadline: { kind: 'date', dueOn: '2021-05-28' }, priority: 'normal',
          steps: [
            { day: '2021-05-27', percent: 100, done: true, text: 'Tổ kiểm tra đã làm việc với 86 doanh nghiệp; 100% doanh nghiệp đang hoạt động đã cập nhật phần mềm.' },
            { day: '2021-05-28', accept: '' },
          ],
        }],
      },
    ],
  },
  {
    heldOn: '2021-05-27', title: 'Giao ban trực tuyến Trung tâm Chỉ huy phòng, chống dịch COVID-19 tỉnh', chair: 'Chủ tịch UBND tỉnh, Chỉ huy trưởng Trung tâm Chỉ huy',
    attendees: ['Thành viên Trung tâm Chỉ huy phòng, chống dịch COVID-19 tỉnh', 'Tổ giúp việc', 'Ban Chỉ đạo các huyện, thành phố'], noticeNo: '145/TB-UBND',
    items: [
      {
        text: 'Chuẩn bị bệnh viện dã chiến, giường hồi sức tích cực đáp ứng kịch bản 5.000 ca bệnh.',
        tasks: [{
          title: 'Thành lập thêm bệnh viện dã chiến, bổ sung giường hồi sức tích cực', body: '',
          lead: 'SYT', supports: ['BCHQS', 'STC'], deadline: { kind: 'date', dueOn: '2021-06-05' }, priority: 'high',
          steps: [{ day: '2021-06-01', percent: 60, text: 'Đưa vào hoạt động Bệnh viện dã chiến số 3 (500 giường).' }],
        }],
      },
      {
        text: 'Sàng lọc, đánh giá kỹ nguy cơ để từng bước dỡ bỏ phong tỏa đối với các thôn, xã đã kiểm soát được dịch; chỉ phong tỏa các khu vực nguy cơ cao.',
        tasks: [{
          title: 'Đánh giá nguy cơ, đề xuất dỡ bỏ phong tỏa các thôn đã qua 14 ngày không có ca mắc mới', body: 'Báo cáo vào thứ Tư hằng tuần.',
          lead: 'CDC', supports: ['BCĐ Việt Yên'], deadline: { kind: 'weekly', weekday: 3, from: '2021-05-28', until: '2021-06-30' }, priority: 'normal',
          steps: [
            { day: '2021-06-02', percent: 30, text: 'Đề xuất dỡ phong tỏa 4 thôn thuộc xã Tăng Tiến, Hồng Thái.' },
            { day: '2021-06-09', percent: 50, text: 'Đề xuất dỡ phong tỏa 6 thôn; giữ phong tỏa thôn có ca mắc mới trong cộng đồng.' },
          ],
        }],
      },
      {
        text: 'Tổ chức kỳ thi tuyển sinh vào lớp 10 an toàn trong điều kiện có dịch.',
        tasks: [{
          title: 'Xây dựng phương án tổ chức thi tuyển sinh vào lớp 10 an toàn trong điều kiện có dịch', body: '',
          lead: 'SGDĐT', supports: ['SYT'], deadline: { kind: 'date', dueOn: '2021-06-08' }, priority: 'normal',
          steps: [
            { day: '2021-06-07', percent: 100, done: true, text: 'Ban hành phương án tổ chức thi; bố trí phòng thi dự phòng tại mỗi điểm thi.' },
            { day: '2021-06-09', returnReason: 'Bổ sung phương án cho thí sinh là F1, F2 và thí sinh trong vùng phong tỏa.' },
          ],
        }],
      },
    ],
  },
  {
    heldOn: '2021-06-08', title: 'Giao ban trực tuyến về công tác phòng, chống dịch COVID-19', chair: 'Chủ tịch UBND tỉnh',
    attendees: ['Thành viên Ban Chỉ đạo tỉnh', 'Ban Chỉ đạo các huyện, thành phố'], noticeNo: null,
    items: [
      {
        text: 'Xây dựng mô hình nhà trọ an toàn cho công nhân tại các huyện Việt Yên, Yên Dũng, ứng dụng công nghệ thông tin, chuyển đổi số trong quản lý nhà trọ.',
        tasks: [
          {
            title: 'Xây dựng mô hình nhà trọ thông minh thích ứng với tình hình dịch', body: 'Đặc biệt chú trọng ứng dụng công nghệ thông tin trong quản lý người ở trọ.',
            lead: 'BCĐ Việt Yên', supports: ['BCĐ Yên Dũng', 'BQL KCN'], deadline: { kind: 'date', dueOn: '2021-06-25' }, priority: 'normal', steps: [],
          },
          {
            title: 'Xây dựng phần mềm quản lý nhà trọ (tương tự phần mềm quản lý lao động và truy vết trong doanh nghiệp)', body: '',
            lead: 'STTTT', supports: [], deadline: { kind: 'date', dueOn: '2021-06-20' }, priority: 'high',
            steps: [{ day: '2021-06-10', percent: 30, text: 'Hoàn thành thiết kế phần mềm; thử nghiệm tại xã Vân Trung.' }],
          },
        ],
      },
      {
        text: 'Bảo đảm an ninh trật tự, xử lý nghiêm các vi phạm quy định phòng, chống dịch.',
        tasks: [{
          title: 'Kiểm tra, xử lý các trường hợp không chấp hành cách ly y tế, khai báo y tế không trung thực', body: 'Báo cáo vào thứ Hai hằng tuần.',
          lead: 'CA', supports: [], deadline: { kind: 'weekly', weekday: 1, from: '2021-06-14', until: '2021-07-12' }, priority: 'normal', steps: [],
        }],
      },
      {
        text: 'Chuẩn bị tiếp nhận vắc xin, tổ chức tiêm cho công nhân các khu công nghiệp.',
        tasks: [{
          title: 'Xây dựng kế hoạch tiêm vắc xin COVID-19 cho công nhân các khu công nghiệp', body: '',
          lead: 'SYT', supports: ['BQL KCN'], deadline: { kind: 'date', dueOn: '2021-06-15' }, priority: 'high', steps: [],
        }],
      },
    ],
  },
];

/** 'Huyện Việt Yên' → 'Việt Yên'; 'Thành phố Bắc Giang' → 'Bắc Giang'. */
const bareName = (name: string) => name.replace(/^(Huyện|Thành phố|Thị xã|Quận)\s+/u, '');
/** A Vietnam time of a day as a UTC instant (UTC+7). */
const vnAt = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`);

export async function runDemoDirectives(db: Db, provinceCode: string, asOf: string): Promise<DirectivesDemoSummary> {
  const summary: DirectivesDemoSummary = { agencies: 0, meetings: 0, tasks: 0, reports: 0 };
  const existing = await repo.listAgencies(db, provinceCode);
  if (existing.length > 0) return { ...summary, agencies: existing.length };

  const ids = new Map<string, number>();
  const add = async (name: string, shortName: string, agencyKind: repo.AgencyAttrs['agencyKind'], districtCode: string | null) => {
    ids.set(shortName, await repo.insertAgency(db, provinceCode, { name, districtCode, attrs: { shortName, agencyKind, active: true } }));
    summary.agencies++;
  };
  for (const [name, short] of DEPARTMENTS) await add(name, short, 'department', null);
  for (const [name, short] of OTHERS) await add(name, short, 'other', null);
  const districtCodes = [...new Set((await communesOf(db, provinceCode)).map((c) => c.district_code).filter((d): d is string => !!d))];
  const districts = [...(await lookupUnits(db, districtCodes)).values()].sort((a, b) => a.code.localeCompare(b.code));
  for (const d of districts) {
    const type = d.name.startsWith('Thành phố') ? 'thành phố' : d.name.startsWith('Thị xã') ? 'thị xã' : 'huyện';
    await add(`Ban Chỉ đạo phòng, chống dịch COVID-19 ${type} ${bareName(d.name)}`, `BCĐ ${bareName(d.name)}`, 'district_committee', d.code);
  }
  // Another province's demo: its first district's committee stands in for those the notices name.
  const firstCommittee = districts[0] ? `BCĐ ${bareName(districts[0].name)}` : 'SYT';
  const agencyOf = (key: string) => ids.get(key) ?? ids.get(firstCommittee)!;

  const actor: Actor = { userId: 0, username: 'vanphong', role: 'steering_office', scopeKind: 'province', scopeCode: provinceCode, scopeOrgId: null, provinceCode, ip: null };
  for (const m of MEETINGS.filter((x) => x.heldOn <= asOf)) {
    const situation = await situationSnapshot(db, actor, m.heldOn);
    const { id: meetingId } = await db.insertInto('directive_meeting').values({
      province_code: provinceCode, held_on: m.heldOn, title: m.title, chair: m.chair, attendees: JSON.stringify(m.attendees), notice_no: m.noticeNo,
      situation: JSON.stringify(situation), created_at: vnAt(m.heldOn, 18), updated_at: vnAt(m.heldOn, 18),
    }).returning('id').executeTakeFirstOrThrow();
    summary.meetings++;
    for (const [i, item] of m.items.entries()) {
      const { id: itemId } = await db.insertInto('directive_item').values({ meeting_id: meetingId, ordinal: i + 1, text: item.text, created_at: vnAt(m.heldOn, 18) })
        .returning('id').executeTakeFirstOrThrow();
      for (const t of item.tasks) await insertDemoTask(db, provinceCode, asOf, meetingId, itemId, m.heldOn, t, agencyOf, summary);
    }
  }
  return summary;
}

async function insertDemoTask(
  db: Db, provinceCode: string, asOf: string, meetingId: number, itemId: number, heldOn: string, t: DemoTask,
  agencyOf: (key: string) => number, summary: DirectivesDemoSummary,
) {
  const lead = agencyOf(t.lead);
  const created = vnAt(heldOn, 18);
  const { id } = await db.insertInto('directive_task').values({
    province_code: provinceCode, meeting_id: meetingId, item_id: itemId, title: t.title, body: t.body, lead_agency_id: lead, priority: t.priority,
    ...deadlineColumns(t.deadline), created_at: created, updated_at: created,
  }).returning('id').executeTakeFirstOrThrow();
  summary.tasks++;
  const supports = [...new Set(t.supports.map(agencyOf))].filter((a) => a !== lead);
  await repo.setSupports(db, id, supports);
  await repo.addEvent(db, { taskId: id, action: 'created', userId: null, username: 'vanphong', at: created });
  await repo.insertNotifications(db, [{ provinceCode, taskId: id, agencyId: lead, kind: 'assigned', period: '', at: created }]);
  let status: 'assigned' | 'in_progress' | 'reported' | 'accepted' | 'returned' = 'assigned';
  let percent = 0;
  let updated = created;
  for (const s of t.steps.filter((x) => x.day <= asOf)) {
    const at = vnAt(s.day, 16);
    if ('accept' in s) {
      status = 'accepted';
      await repo.addEvent(db, { taskId: id, action: 'accepted', userId: null, username: 'vanphong', note: s.accept || null, at });
      await db.updateTable('directive_task').set({ accepted_at: at }).where('id', '=', id).execute();
    } else if ('returnReason' in s) {
      status = 'returned';
      await repo.addEvent(db, { taskId: id, action: 'returned', userId: null, username: 'vanphong', note: s.returnReason, at });
      await repo.insertNotifications(db, [{ provinceCode, taskId: id, agencyId: lead, kind: 'returned', period: at.toISOString(), at }]);
    } else {
      status = s.done ? 'reported' : 'in_progress';
      percent = s.percent;
      const { id: reportId } = await db.insertInto('directive_report').values({ task_id: id, agency_id: lead, at, text: s.text, percent: s.percent, done: s.done ?? false })
        .returning('id').executeTakeFirstOrThrow();
      await repo.addEvent(db, { taskId: id, action: s.done ? 'reported_done' : 'progress', userId: null, username: null, note: `${s.percent}%`, at });
      if (s.done) await repo.insertNotifications(db, [{ provinceCode, taskId: id, agencyId: null, kind: 'reported', period: `r${reportId}`, at }]);
      summary.reports++;
    }
    updated = at;
  }
  await db.updateTable('directive_task').set({ status, percent, updated_at: updated }).where('id', '=', id).execute();
  // Notifications of tasks long closed are read.
  if (status === 'accepted') await db.updateTable('directive_notification').set({ read_at: updated }).where('task_id', '=', id).execute();
}

/** Where the demo's agency officers are anchored: Sở Y tế and the industrial parks' board. */
export async function demoAgencyAnchors(db: Db, provinceCode: string): Promise<{ healthAgencyId: number | null; parksAgencyId: number | null }> {
  const rows = await db.selectFrom('org_unit').select(['id', sql<string>`attrs->>'shortName'`.as('short')])
    .where('province_code', '=', provinceCode).where('kind', '=', repo.AGENCY_KIND).execute();
  const of = (short: string) => rows.find((r) => r.short === short)?.id ?? null;
  return { healthAgencyId: of('SYT'), parksAgencyId: of('BQL KCN') };
}
