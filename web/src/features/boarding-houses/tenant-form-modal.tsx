import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiRequest, withQuery } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { RemoteSelect } from '../../shared/ui/remote-select.tsx';
import { can, useMe } from '../../shared/session/session.tsx';
import { housePaths, type Room, type Tenant, type Workplace } from './boarding-houses-api.ts';

interface Values {
  fullName: string; sex: string; dateOfBirth?: Dayjs | null; nationalId?: string; phone?: string;
  roomId: number; validFrom: Dayjs; workplaceEnterpriseId?: number; workplaceText?: string;
}
const FIELDS = ['fullName', 'sex', 'dateOfBirth', 'nationalId', 'phone', 'roomId', 'validFrom', 'validTo', 'workplaceEnterpriseId', 'workplaceText'] as const;
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** What the register picker needs of GET /api/people's rows. */
interface RegisterPerson { id: number; fullName: string; sex: string; dateOfBirth: string | null; nationalId: string | null; phone: string | null; communeName: string | null }
const notFuture = (d: Dayjs) => d.isAfter(dayjs(todayInVietnam()), 'day');

interface Props { open: boolean; houseId: number; rooms: Room[]; roomId?: number | undefined; onClose: () => void; onSaved: (t: Tenant) => void }

/**
 * Registers a tenant: the server finds the person in the register by ID number, else phone and
 * name, and adds them otherwise; the room's capacity and the dates are checked there.
 */
export function TenantFormModal({ open, houseId, rooms, roomId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open ? 1 : null);
  return (
    <Modal open={open} title={t('boardingHouses.tenant.add')} onCancel={onClose} destroyOnHidden footer={null} width={480}>
      {open && <TenantForm key={opening} houseId={houseId} rooms={rooms} roomId={roomId} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function TenantForm({ houseId, rooms, roomId, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const me = useMe();
  // A commune officer may fill the form from the register; an owner types (the server matches by ID number, else phone and name).
  const mayPick = can(me, 'person:read') && me.scope.kind !== 'org';
  const required = { required: true, message: t('boardingHouses.required') };
  const fill = (p: RegisterPerson | undefined) => {
    if (!p) return;
    form.setFieldsValue({ fullName: p.fullName, sex: p.sex, dateOfBirth: p.dateOfBirth ? dayjs(p.dateOfBirth) : null, nationalId: p.nationalId ?? undefined, phone: p.phone ?? undefined });
  };
  const submit = (v: Values) => run(async () => {
    const saved = await apiRequest<Tenant>(housePaths.register(houseId), {
      method: 'POST',
      json: {
        fullName: v.fullName, sex: v.sex, dateOfBirth: iso(v.dateOfBirth), nationalId: v.nationalId || null, phone: v.phone || null, roomId: v.roomId,
        validFrom: iso(v.validFrom), workplaceEnterpriseId: v.workplaceEnterpriseId ?? null, workplaceText: v.workplaceText || null,
      },
    });
    message.success(t('boardingHouses.tenant.saved', { name: saved.fullName }));
    onSaved(saved);
  });
  return (
    <Form<Values> form={form} layout="vertical" disabled={saving} data-testid="tenant-form"
      initialValues={{ sex: 'male', roomId, validFrom: dayjs(todayInVietnam()) }}
      onValuesChange={(changed: Partial<Values>) => clearEditedErrors(form, changed)} onFinish={(v) => void submit(v)}>
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('boardingHouses.issues')} issues={otherIssues} />
      {mayPick && (
        <Form.Item label={t('boardingHouses.tenant.fromRegister')}>
          <RemoteSelect<RegisterPerson> searchPaths={(q) => (q.trim().length >= 2 ? withQuery('/api/people', { q: q.trim(), pageSize: 20 }) : null)} idOf={(p) => p.id}
            labelOf={(p) => [p.fullName, p.dateOfBirth?.slice(0, 4), p.communeName].filter(Boolean).join(' · ')} onPick={fill} placeholder={t('boardingHouses.tenant.registerSearch')} testId="tenant-register-picker" />
        </Form.Item>
      )}
      <Form.Item name="fullName" label={t('boardingHouses.tenant.fullName')} rules={[required]}><Input autoComplete="off" /></Form.Item>
      <Form.Item name="sex" label={t('boardingHouses.tenant.sex')} rules={[required]}>
        <Select options={[{ value: 'male', label: t('boardingHouses.tenant.male') }, { value: 'female', label: t('boardingHouses.tenant.female') }, { value: 'other', label: t('boardingHouses.tenant.other') }]} />
      </Form.Item>
      <Form.Item name="dateOfBirth" label={t('boardingHouses.tenant.dateOfBirth')}><DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={notFuture} /></Form.Item>
      <Form.Item name="nationalId" label={t('boardingHouses.tenant.nationalId')} extra={t('boardingHouses.tenant.idHint')}><Input inputMode="numeric" /></Form.Item>
      <Form.Item name="phone" label={t('boardingHouses.tenant.phone')}><Input inputMode="tel" /></Form.Item>
      <Form.Item name="roomId" label={t('boardingHouses.room')} rules={[required]}>
        <Select options={rooms.filter((r) => r.active).map((r) => ({ value: r.id, label: `${r.label} (${r.occupants}/${r.capacity ?? '–'})`, disabled: r.capacity !== null && r.occupants >= r.capacity }))} />
      </Form.Item>
      <Form.Item name="validFrom" label={t('boardingHouses.tenant.from')} rules={[required]}><DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={notFuture} /></Form.Item>
      <Form.Item name="workplaceEnterpriseId" label={t('boardingHouses.tenant.workplace')}>
        <RemoteSelect<Workplace> searchPaths={(q) => (q.trim().length >= 2 ? housePaths.workplaces(q) : null)} idOf={(w) => w.id} labelOf={(w) => `${w.name} (${w.taxCode})`} placeholder={t('boardingHouses.tenant.workplaceSearch')} />
      </Form.Item>
      <Form.Item name="workplaceText" label={t('boardingHouses.tenant.workplaceText')}><Input /></Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('boardingHouses.tenant.add')} testId="tenant-save" />
    </Form>
  );
}
