import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { DistrictSelect } from '../../shared/ui/area-selects.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { type Agency, type AgencyBody, AGENCY_KINDS, type AgencyKind, directivesPaths } from './directives-api.ts';

interface FormValues {
  name: string;
  shortName: string;
  agencyKind: AgencyKind;
  districtCode?: string;
}

const FIELDS = ['name', 'shortName', 'agencyKind', 'districtCode'] as const;

interface Props {
  /** 'new', an agency to edit, or null: closed. */
  target: Agency | 'new' | null;
  onClose: () => void;
  onSaved: (agency: Agency) => void;
}

/** Adds an agency (a department, a district steering committee, another unit) or renames one. */
export function AgencyFormModal({ target, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(target);
  const title = target === 'new' ? t('directives.agencies.createTitle') : target ? t('directives.agencies.editTitle', { name: target.name }) : '';
  return (
    <Modal open={target !== null} title={title} onCancel={onClose} destroyOnHidden footer={null} width={560}>
      {target && <AgencyForm key={opening} target={target} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function AgencyForm({ target, onClose, onSaved }: Props & { target: Agency | 'new' }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const required = { required: true, whitespace: true, message: t('directives.required') };
  const editing = target === 'new' ? null : target;
  const kind = Form.useWatch('agencyKind', form);

  const submit = async (v: FormValues) => {
    await run(async () => {
      let saved: Agency;
      if (editing) {
        saved = await api.patch<Agency>(directivesPaths.agency(editing.id), { name: v.name.trim(), shortName: v.shortName.trim() });
      } else {
        const body: AgencyBody = { name: v.name.trim(), shortName: v.shortName.trim(), agencyKind: v.agencyKind };
        if (v.agencyKind === 'district_committee' && v.districtCode) body.districtCode = v.districtCode;
        saved = await api.post<Agency>(directivesPaths.agencyCreate, body);
      }
      message.success(t('directives.agencies.saved', { name: saved.name }));
      onSaved(saved);
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={editing ? { name: editing.name, shortName: editing.shortName, agencyKind: editing.agencyKind, districtCode: editing.districtCode ?? undefined } : { agencyKind: 'department' }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="agency-form"
    >
      <FormErrorAlert error={error} testId="agency-error" />
      <UnplacedIssuesAlert title={t('directives.agencies.rejected')} issues={otherIssues} />
      <Form.Item name="name" label={t('directives.agencies.name')} rules={[required]}>
        <Input maxLength={200} placeholder={t('directives.agencies.namePlaceholder')} data-testid="agency-name" />
      </Form.Item>
      <Form.Item name="shortName" label={t('directives.agencies.shortName')} rules={[required]} extra={t('directives.agencies.shortNameHint')}>
        <Input maxLength={60} data-testid="agency-short-name" />
      </Form.Item>
      <Form.Item name="agencyKind" label={t('directives.agencies.kind')} rules={[{ required: true, message: t('directives.required') }]}>
        <Select
          disabled={editing !== null}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: t(`directives.agencyKinds.${k}`) }))}
          data-testid="agency-kind"
        />
      </Form.Item>
      {/* The district of a district committee is set once: it names whose tasks they are. */}
      {kind === 'district_committee' && !editing && (
        <Form.Item name="districtCode" label={t('directives.agencies.district')} rules={[{ required: true, message: t('directives.required') }]}>
          <DistrictSelect placeholder={t('area.district')} data-testid="agency-district" />
        </Form.Item>
      )}
      <FormFooter saving={saving} onClose={onClose} submitText={t('directives.agencies.submit')} testId="agency-submit" />
    </Form>
  );
}
