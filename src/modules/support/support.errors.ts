/** The errors of support payments and supplies, built on the one catalogue's AppError. */
import { AppError } from '../../server/errors.ts';

export const SupportErrors = {
  badPeriod: () => new AppError('BAD_PERIOD', 400, { vi: 'Ngày bắt đầu sau ngày kết thúc', en: 'The period starts after it ends' }, 'from'),
  nothingToPay: () =>
    new AppError('NOTHING_TO_PAY', 409, { vi: 'Không có ai đủ hồ sơ để lập danh sách chi trả trong kỳ này', en: 'No one in this period has a complete file to put on a payment list' }),
  daysTaken: () =>
    new AppError('SUPPORT_DAYS_TAKEN', 409, {
      vi: 'Một số ngày vừa được lập vào danh sách khác; hãy tải lại danh sách đủ điều kiện và lập lại',
      en: 'Some days were just put on another list; reload the eligibility list and prepare again',
    }),
  badTransition: (status: string, action: string) =>
    new AppError('BAD_TRANSITION', 409, { vi: `Danh sách đang ở trạng thái "${status}": không thể "${action}"`, en: `The list is "${status}": it cannot be "${action}"` }, 'status'),
  reasonRequired: () => new AppError('REASON_REQUIRED', 400, { vi: 'Ghi lý do trả lại', en: 'Give the reason for returning it' }, 'reason'),
  notSelectable: (personIds: number[]) =>
    new AppError('NOT_PAYABLE', 409, { vi: 'Có người chưa đủ hồ sơ hoặc không còn ngày được hỗ trợ', en: 'Some people lack a complete file or have no days left to pay' }, 'personIds', { personIds }),
  insufficientStock: (item: string, available: number, unit: string) =>
    new AppError('INSUFFICIENT_STOCK', 409, {
      vi: `Không đủ tồn kho "${item}": còn ${available.toLocaleString('vi-VN')} ${unit}`,
      en: `Not enough "${item}" in stock: ${available.toLocaleString('en-US')} ${unit} left`,
    }, 'quantity', { available }),
  alreadyReversed: () => new AppError('ALREADY_REVERSED', 409, { vi: 'Bút toán này đã được đảo', en: 'This entry has already been reversed' }),
  notReversible: () => new AppError('NOT_REVERSIBLE', 409, { vi: 'Không đảo một bút toán đảo', en: 'A reversing entry cannot itself be reversed' }),
  sameFacility: () => new AppError('SAME_FACILITY', 400, { vi: 'Cơ sở nhận phải khác cơ sở xuất', en: 'Transfer to another facility' }, 'toFacilityId'),
};

/** Whether a database error is a unique violation (same code on PGlite and PostgreSQL). */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';
export const isCheckViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23514';
