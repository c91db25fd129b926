import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneSelect, DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { ENTERPRISE_CATEGORIES, type Venue, type VenueBody, VENUE_CATEGORIES, type VenueCategory, venuesPaths } from './venues-api.ts';

interface FormValues { name: string; category: VenueCategory; districtCode: string; communeCode: string; addressDetail?: string }

const FIELDS = ['name', 'category', 'communeCode', 'addressDetail'] as const;

interface Props {
  /** 'new', a venue to edit, or null: closed. */
  venue: Venue | 'new' | null;
  onClose: () => void;
  onSaved: (venue: Venue) => void;
}

/** Adds or edits a venue: name, category, commune and address (an enterprise: its gates and buses only). */
export function VenueFormModal({ venue, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(venue);
  return (
    <Modal
      open={venue !== null}
      title={venue === 'new' ? t('venues.create.title') : venue ? t('venues.edit.title', { name: venue.name }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={520}
    >
      {venue && <VenueForm key={opening} venue={venue} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function VenueForm({ venue, onClose, onSaved }: Props & { venue: Venue | 'new' }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const districtCode = Form.useWatch('districtCode', form);
  const required = { required: true, message: t('venues.required') };
  const categories = me.role === 'enterprise' ? ENTERPRISE_CATEGORIES : VENUE_CATEGORIES;
  const editing = venue === 'new' ? null : venue;

  const submit = async (v: FormValues) => {
    await run(async () => {
      const body: VenueBody = { name: v.name, category: v.category, communeCode: v.communeCode, addressDetail: v.addressDetail?.trim() || null };
      const saved = editing
        ? await apiRequest<Venue>(venuesPaths.one(editing.id), { method: 'PUT', json: body })
        : await apiRequest<Venue>(venuesPaths.create, { method: 'POST', json: body });
      message.success(t('venues.saved', { name: saved.name }));
      onSaved(saved);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={editing
        ? { name: editing.name, category: editing.category, districtCode: editing.districtCode ?? undefined, communeCode: editing.communeCode ?? undefined, addressDetail: editing.addressDetail ?? undefined }
        : { category: categories[0], districtCode: me.scope.kind === 'district' ? me.scope.code : undefined }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving || !can(me, 'venue:manage')}
      data-testid="venue-form"
    >
      <FormErrorAlert error={error} testId="venue-form-error" />
      <UnplacedIssuesAlert title={t('venues.rejected')} issues={otherIssues} />
      <Form.Item name="name" label={t('venues.name')} rules={[{ ...required, whitespace: true }]}>
        <Input maxLength={200} data-testid="venue-name" />
      </Form.Item>
      <Form.Item name="category" label={t('venues.category')} rules={[required]}>
        <Select options={categories.map((c) => ({ value: c, label: t(`venues.categories.${c}`) }))} data-testid="venue-category" />
      </Form.Item>
      <Form.Item name="districtCode" label={t('venues.district')} rules={[required]}>
        <DistrictSelect data-testid="venue-district" />
      </Form.Item>
      <Form.Item name="communeCode" label={t('venues.commune')} rules={[required]}>
        <CommuneSelect
          districtCode={districtCode}
          ownCommuneOnly
          also={editing?.communeCode && editing.districtCode ? { code: editing.communeCode, name: editing.communeName ?? editing.communeCode, districtCode: editing.districtCode } : null}
          data-testid="venue-commune"
        />
      </Form.Item>
      <Form.Item name="addressDetail" label={t('venues.address')}>
        <Input maxLength={300} placeholder={t('venues.addressPlaceholder')} data-testid="venue-address" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={editing ? t('venues.edit.submit') : t('venues.create.submit')} testId="venue-submit" />
    </Form>
  );
}
