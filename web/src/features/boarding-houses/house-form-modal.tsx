import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Form, Input, InputNumber, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { type HouseDetail, housePaths } from './boarding-houses-api.ts';

interface Values {
  name?: string; ownerName: string; ownerPhone?: string; districtCode?: string; communeCode: string; addressDetail?: string;
  rooms: Array<{ id?: number; label: string; capacity?: number | null; active?: boolean; occupants?: number }>;
}
/** Server fields → form names (rooms.2.label → ['rooms', 2, 'label']). */
const fieldOf = (f: string) => (['name', 'ownerName', 'ownerPhone', 'communeCode', 'addressDetail'].includes(f) || /^rooms\.\d+\.\w+$/.test(f) ? f : undefined);

interface Props { open: boolean; house: HouseDetail | null; onClose: () => void; onSaved: (h: HouseDetail) => void }

/** Registers or edits a boarding house and its rooms; a room with tenants cannot be deactivated (the server says which). */
export function HouseFormModal({ open, house, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open ? 1 : null);
  return (
    <Modal open={open} title={house ? t('boardingHouses.edit') : t('boardingHouses.create')} onCancel={onClose} destroyOnHidden footer={null} width={560}>
      {open && <HouseForm key={opening} house={house} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function HouseForm({ house, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, fieldOf);
  const districtCode = Form.useWatch('districtCode', form);
  const required = { required: true, message: t('boardingHouses.required') };
  const submit = (v: Values) => run(async () => {
    const saved = await apiRequest<HouseDetail>(house ? housePaths.one(house.id) : housePaths.create, {
      method: house ? 'PUT' : 'POST',
      json: {
        name: v.name || null, ownerName: v.ownerName, ownerPhone: v.ownerPhone || null, ownerPersonId: house?.ownerPersonId ?? null, communeCode: v.communeCode,
        addressDetail: v.addressDetail || null, rooms: (v.rooms ?? []).map((r) => ({ ...(r.id ? { id: r.id } : {}), label: r.label, capacity: r.capacity ?? null, active: r.active ?? true })),
      },
    });
    message.success(t('boardingHouses.saved'));
    onSaved(saved);
  });
  return (
    <Form<Values> form={form} layout="vertical" disabled={saving} data-testid="house-form"
      initialValues={house ? {
        name: house.name, ownerName: house.ownerName ?? '', ownerPhone: house.ownerPhone ?? undefined, districtCode: house.districtCode ?? undefined,
        communeCode: house.communeCode ?? '', addressDetail: house.addressDetail ?? undefined,
        rooms: house.roomList.map((r) => ({ id: r.id, label: r.label, capacity: r.capacity, active: r.active, occupants: r.occupants })),
      } : { rooms: [{ label: 'P101', capacity: 4, active: true }] }}
      onValuesChange={(changed: Partial<Values>) => clearEditedErrors(form, changed)} onFinish={(v) => void submit(v)}>
      <FormErrorAlert error={error} />
      <UnplacedIssuesAlert title={t('boardingHouses.issues')} issues={otherIssues} />
      <Form.Item name="ownerName" label={t('boardingHouses.ownerName')} rules={[required]}><Input /></Form.Item>
      <Form.Item name="ownerPhone" label={t('boardingHouses.ownerPhone')}><Input inputMode="tel" /></Form.Item>
      <Form.Item name="name" label={t('boardingHouses.name')} extra={t('boardingHouses.nameHint')}><Input /></Form.Item>
      <Space.Compact block>
        <Form.Item name="districtCode" label={t('boardingHouses.district')} style={{ width: '50%' }}><DistrictSelect onChange={() => form.setFieldValue('communeCode', undefined)} /></Form.Item>
        <Form.Item name="communeCode" label={t('boardingHouses.commune')} rules={[required]} style={{ width: '50%' }}>
          <CommuneSelect districtCode={districtCode} ownCommuneOnly also={house?.communeCode && house.districtCode ? { code: house.communeCode, name: house.communeName ?? house.communeCode, districtCode: house.districtCode } : null} />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="addressDetail" label={t('boardingHouses.addressDetail')}><Input /></Form.Item>
      <Form.List name="rooms">
        {(fields, { add, remove }) => (
          <div>
            {fields.map((f) => {
              const existing = form.getFieldValue(['rooms', f.name, 'id']) as number | undefined;
              return (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'label']} rules={[required]}><Input placeholder={t('boardingHouses.room')} style={{ width: 110 }} /></Form.Item>
                  <Form.Item name={[f.name, 'capacity']}><InputNumber min={1} max={100} placeholder={t('boardingHouses.capacity')} style={{ width: 110 }} /></Form.Item>
                  {existing
                    ? <Form.Item name={[f.name, 'active']} valuePropName="checked"><Checkbox>{t('boardingHouses.roomActive')}</Checkbox></Form.Item>
                    : <MinusCircleOutlined onClick={() => remove(f.name)} aria-label={t('boardingHouses.removeRoom')} />}
                </Space>
              );
            })}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', capacity: 4, active: true })} block style={{ marginBottom: 16 }}>{t('boardingHouses.addRoom')}</Button>
          </div>
        )}
      </Form.List>
      <FormFooter saving={saving} onClose={onClose} submitText={t('boardingHouses.save')} testId="house-save" />
    </Form>
  );
}
