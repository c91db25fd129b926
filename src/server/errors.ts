/**
 * The one catalogue of errors the API returns. Every error has a stable code,
 * an HTTP status and a message in Vietnamese and English; routes never build
 * error bodies by hand.
 */
export interface LocalisedMessage {
  vi: string;
  en: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: LocalisedMessage;
    field?: string;
    row?: number;
    details?: unknown;
  };
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly localised: LocalisedMessage,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(localised.en);
    this.name = 'AppError';
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.localised,
        ...(this.field !== undefined ? { field: this.field } : {}),
        ...(this.details !== undefined ? { details: this.details } : {}),
      },
    };
  }
}

/** One validation problem: the field (and row, for imports) and the message in both languages. */
export interface FieldIssue {
  field: string;
  code: string;
  message: LocalisedMessage;
  row?: number;
}

export class ValidationError extends AppError {
  constructor(readonly issues: FieldIssue[]) {
    const first = issues[0];
    super(
      'VALIDATION_FAILED',
      400,
      first
        ? {
            vi: `${first.row ? `Dòng ${first.row}: ` : ''}${first.message.vi}`,
            en: `${first.row ? `Row ${first.row}: ` : ''}${first.message.en}`,
          }
        : { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' },
      first?.field,
      { issues },
    );
  }
}

const m = (vi: string, en: string): LocalisedMessage => ({ vi, en });

export const Errors = {
  notFound: (what: LocalisedMessage) =>
    new AppError('NOT_FOUND', 404, m(`Không tìm thấy ${what.vi}`, `${capitalise(what.en)} not found`)),
  routeNotFound: (method: string, url: string) =>
    new AppError('ROUTE_NOT_FOUND', 404, m(`Không có đường dẫn ${method} ${url}`, `No route ${method} ${url}`)),
  unauthenticated: () =>
    new AppError('UNAUTHENTICATED', 401, m('Bạn cần đăng nhập', 'You need to sign in')),
  badCredentials: () =>
    new AppError('BAD_CREDENTIALS', 401, m('Sai tên đăng nhập hoặc mật khẩu', 'Wrong username or password')),
  forbidden: () =>
    new AppError('FORBIDDEN', 403, m('Bạn không có quyền thực hiện thao tác này', 'You are not allowed to do this')),
  outOfScope: () =>
    new AppError(
      'OUT_OF_SCOPE',
      403,
      m('Bản ghi nằm ngoài địa bàn bạn phụ trách', 'This record is outside the area or organisation you are responsible for'),
    ),
  casesOutOfScope: (field: string, caseCodes: string[]) =>
    new AppError(
      'OUT_OF_SCOPE',
      403,
      m(`Ca bệnh ${caseCodes.join(', ')} nằm ngoài địa bàn bạn phụ trách`, `Case(s) ${caseCodes.join(', ')} are outside the area you are responsible for`),
      field,
      { caseCodes },
    ),
  casesAlreadyInCluster: (field: string, caseCodes: string[]) =>
    new AppError(
      'DUPLICATE',
      409,
      m(`Ca bệnh ${caseCodes.join(', ')} đã thuộc ổ dịch này`, `Case(s) ${caseCodes.join(', ')} already belong to this cluster`),
      field,
      { caseCodes },
    ),
  rateLimited: (seconds: number) =>
    new AppError(
      'RATE_LIMITED',
      429,
      m(`Quá nhiều yêu cầu, thử lại sau ${seconds} giây`, `Too many requests, try again in ${seconds} seconds`),
    ),
  /** Too many wrong passwords in a row: the account is locked for a while, even for the right one. */
  accountLocked: (minutes: number) =>
    new AppError(
      'ACCOUNT_LOCKED',
      423,
      m(`Tài khoản tạm khoá do nhập sai mật khẩu nhiều lần, thử lại sau ${minutes} phút`, `Account locked after repeated wrong passwords, try again in ${minutes} minutes`),
    ),
  /** A state-changing request sent from another site (Sec-Fetch-Site / Origin): cross-site request forgery. */
  crossSiteRequest: () =>
    new AppError(
      'CROSS_SITE_REQUEST',
      403,
      m('Yêu cầu gửi từ trang web khác bị từ chối', 'A request sent from another website is refused'),
    ),
  duplicate: (field: string, what: LocalisedMessage, details?: unknown) =>
    new AppError('DUPLICATE', 409, m(`${capitalise(what.vi)} đã tồn tại`, `${capitalise(what.en)} already exists`), field, details),
  possibleDuplicate: (details: unknown) =>
    new AppError(
      'POSSIBLE_DUPLICATE',
      409,
      m(
        'Có thể người này đã có trong sổ đăng ký; kiểm tra danh sách trùng hoặc xác nhận tạo mới',
        'This person may already be in the register; check the matches or confirm to create anyway',
      ),
      undefined,
      details,
    ),
  badFile: (reason: LocalisedMessage) =>
    new AppError('BAD_FILE', 400, m(`Tệp không hợp lệ: ${reason.vi}`, `Invalid file: ${reason.en}`)),
  payloadTooLarge: () =>
    new AppError('PAYLOAD_TOO_LARGE', 413, m('Tệp hoặc dữ liệu quá lớn', 'File or payload too large')),
  openCaseExists: (caseCode: string, details?: unknown) =>
    new AppError(
      'OPEN_CASE_EXISTS',
      409,
      m(
        `Người này đang là ca bệnh ${caseCode} chưa kết thúc (cách ly hoặc đang điều trị); cập nhật ca đó thay vì tạo ca mới`,
        `This person already has an open case ${caseCode} (isolated or in treatment); update that case instead of adding one`,
      ),
      'personId',
      details,
    ),
  caseClosed: (caseCode: string) =>
    new AppError(
      'CASE_CLOSED',
      409,
      m(`Ca bệnh ${caseCode} đã tử vong: không thay đổi tình trạng được nữa`, `Case ${caseCode} died: its status can no longer change`),
      'status',
    ),
  demoRegisterNotEmpty: (people: number) =>
    new AppError(
      'DEMO_REGISTER_NOT_EMPTY',
      409,
      m(
        `Sổ đăng ký đã có ${people} người: chỉ tạo tỉnh demo trên sổ trống, để không lẫn với dữ liệu thật`,
        `The person register already holds ${people} people: the demo province is only generated into an empty register`,
      ),
    ),
  /** A QR code (venue poster or personal code) refused: `problem` says why (venues.domain.ts CodeProblem). */
  qrCodeRejected: (problem: string) => {
    const text: Record<string, LocalisedMessage> = {
      malformed: m('Mã QR không đúng định dạng của hệ thống', 'The QR code is not one of this system'),
      forged: m('Mã QR không hợp lệ (chữ ký sai): có thể là mã giả', 'The QR code is not valid (bad signature): it may be forged'),
      wrong_kind: m('Đây không phải loại mã QR cần quét ở đây (mã địa điểm / mã cá nhân)', 'This is not the kind of QR code expected here (venue / personal code)'),
      other_province: m('Mã QR thuộc tỉnh khác, không dùng được ở hệ thống này', 'The QR code belongs to another province'),
      expired: m('Mã QR đã hết hạn: đề nghị địa điểm in lại mã mới', 'The QR code has expired: ask the venue for a new poster'),
      unknown_venue: m('Không tìm thấy địa điểm của mã QR', 'The venue of this QR code does not exist'),
      inactive: m('Địa điểm đã ngừng hoạt động: mã QR không còn dùng được', 'The venue has been deactivated: its QR code no longer works'),
      revoked: m('Mã QR đã được thay bằng mã mới: đề nghị địa điểm dán mã mới', 'The QR code has been replaced by a newer one: ask the venue for the new poster'),
    };
    return new AppError('QR_CODE_REJECTED', 400, text[problem] ?? text.malformed!, 'code', { problem });
  },
  deviceUnknown: () =>
    new AppError(
      'DEVICE_UNKNOWN',
      401,
      m('Máy này chưa được ghi nhận: nhập số điện thoại, họ tên và xã/phường để khai báo', 'This phone is not known: enter your phone number, full name and commune to check in'),
      'deviceToken',
    ),
  taskClosed: (title: string) =>
    new AppError(
      'TASK_CLOSED',
      409,
      m(`Nhiệm vụ "${title}" đã được công nhận hoàn thành: không thay đổi được nữa`, `Task "${title}" was accepted as done: it can no longer change`),
    ),
  taskNotReported: (title: string) =>
    new AppError(
      'TASK_NOT_REPORTED',
      409,
      m(`Nhiệm vụ "${title}" chưa được báo cáo hoàn thành: chỉ công nhận hoặc trả lại nhiệm vụ đã báo cáo`, `Task "${title}" has not been reported done: only a reported task can be accepted or returned`),
      'status',
    ),
  notLeadAgency: (agencyName: string) =>
    new AppError(
      'NOT_LEAD_AGENCY',
      403,
      m(`Chỉ cán bộ của cơ quan chủ trì (${agencyName}) báo cáo tiến độ nhiệm vụ này`, `Only the lead agency's officers (${agencyName}) report on this task`),
    ),
  internal: () =>
    new AppError('INTERNAL', 500, m('Lỗi hệ thống, vui lòng thử lại', 'Internal error, please try again')),
  /** A value the database cannot hold (an id past int4, a NUL in text, an impossible date, a key too long for its index). */
  invalidValue: () =>
    new AppError(
      'INVALID_VALUE',
      400,
      m('Có giá trị không hợp lệ hoặc vượt giới hạn cho phép (số quá lớn, ngày không có thật, ký tự không hợp lệ, chuỗi quá dài)', 'A value is invalid or out of range (a number too large, a date that does not exist, a character not allowed, a text too long)'),
    ),
} as const;

/**
 * PostgreSQL's refusals of a value rather than of the request's meaning: class 22 (data exception:
 * numeric out of range, invalid text representation, impossible dates, NUL or invalid bytes in text,
 * a string too long), 54000 (a value too large for an index), 23514 (a check constraint), and the
 * integrity errors a client's ids can cause (23503 foreign key, 23505 unique). Same codes from
 * PGlite and pg. Anything else stays a 500.
 */
export function fromDatabaseError(err: unknown): AppError | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (/^(22[0-9A-Z]{3}|54000|23514)$/.test(code)) return Errors.invalidValue();
  // A reference the client named does not exist (an id of something else), or a row still referenced.
  if (code === '23503') {
    return /^update or delete/.test(String((err as Error).message))
      ? new AppError('IN_USE', 409, m('Bản ghi đang được dùng ở nơi khác nên không xoá hoặc đổi được', 'The record is still referenced elsewhere, so it cannot be deleted or changed'))
      : new AppError('REFERENCE_NOT_FOUND', 400, m('Có mã tham chiếu tới bản ghi không tồn tại', 'A reference points to a record that does not exist'));
  }
  // Two writes raced to the same unique key: the later one is told, not a 500.
  if (code === '23505') return new AppError('DUPLICATE', 409, m('Bản ghi đã tồn tại (trùng khoá)', 'The record already exists (duplicate key)'));
  return null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Schema (TypeBox/AJV) failures become a ValidationError naming the field. */
export function issueFromSchema(instancePath: string, keyword: string, message: string | undefined, missing?: string): FieldIssue {
  const path = instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = missing ? (path ? `${path}.${missing}` : missing) : path || '(body)';
  if (keyword === 'required') {
    return { field, code: 'REQUIRED', message: m(`Thiếu trường bắt buộc "${field}"`, `Missing required field "${field}"`) };
  }
  return {
    field,
    code: 'INVALID',
    message: m(`Trường "${field}" không hợp lệ (${message ?? keyword})`, `Field "${field}" is invalid (${message ?? keyword})`),
  };
}
