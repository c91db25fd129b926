import { App, Col, DatePicker, Form, Input, Modal, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { type Admission, CARE_LEVELS, type CareLevel, F0_RISK_GROUPS, type F0RiskGroup, treatmentPaths, type TreatmentFacility } from './treatment-api.ts';
import { careLevelForRisk, facilityOptionsFor, transferBody } from './treatment-view.ts';
import { todayInVietnam } from '../../shared/i18n/format.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';

interface FormValues {
  riskGroup: F0RiskGroup;
  careLevel: CareLevel;
  facilityId?: number | null;
  date: Dayjs;
  reason?: string;
}

const FIELDS = ['riskGroup', 'careLevel', 'facilityId', 'date', 'reason'] as const;

interface Props {
  admission: Admission | null;
  facilities: { data: TreatmentFacility[]; loading: boolean };
  onClose: () => void;
  onDone: () => void;
}

/** "Chuyển tầng": moves a patient to another care level (and facility), with the reason and the date. */
export function TransferModal({ admission, facilities, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(admission);
  return (
    <Modal
      open={admission !== null}
      title={admission ? t('treatment.transfer.title', { name: admission.fullName }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={640}
    >
      {admission && <TransferForm key={opening} admission={admission} facilities={facilities} onClose={onClose} onDone={onDone} />}
    </Modal>
  );
}

function TransferForm({ admission, facilities, onClose, onDone }: Props & { admission: Admission }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const today = todayInVietnam();
  const careLevel = Form.useWatch('careLevel', form);
  const riskGroup = Form.useWatch('riskGroup', form);
  const atHome = careLevel === 'home_care';
  const options = facilityOptionsFor(facilities.data, careLevel);
  const required = { required: true, message: t('treatment.required') };

  const submit = async (v: FormValues) => {
    const body = transferBody({ ...v, date: v.date.format('YYYY-MM-DD') });
    await run(async () => {
      await api.post<unknown>(treatmentPaths.transfer(admission.id), body);
      message.success(t('treatment.transfer.done', { name: admission.fullName, level: t(`treatment.careLevels.${body.careLevel}`) }));
      onDone();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ riskGroup: admission.riskGroup, careLevel: admission.careLevel, facilityId: admission.facilityId, date: dayjs(today) }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        // The risk group sets the care level the rules expect; the user may still choose another.
        if (changed.riskGroup) form.setFieldValue('careLevel', careLevelForRisk(changed.riskGroup));
        if (changed.careLevel === 'home_care' || changed.riskGroup === 'low') form.setFieldValue('facilityId', null);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="transfer-form"
    >
      <FormErrorAlert error={error} testId="transfer-error" />
      <UnplacedIssuesAlert title={t('treatment.transfer.title', { name: admission.fullName })} issues={otherIssues} />
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item name="riskGroup" label={t('treatment.transfer.riskGroup')} rules={[required]}>
            <Select options={F0_RISK_GROUPS.map((g) => ({ value: g, label: t(`treatment.riskGroups.${g}`) }))} data-testid="transfer-risk" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="careLevel"
            label={t('treatment.transfer.careLevel')}
            rules={[required]}
            extra={riskGroup ? t('treatment.transfer.suggested', { level: t(`treatment.careLevels.${careLevelForRisk(riskGroup)}`) }) : undefined}
          >
            <Select options={CARE_LEVELS.map((l) => ({ value: l, label: t(`treatment.careLevels.${l}`) }))} data-testid="transfer-level" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="facilityId" label={t('treatment.transfer.facility')} rules={atHome ? [] : [required]}>
        <Select<number>
          disabled={atHome}
          loading={facilities.loading}
          showSearch={{ optionFilterProp: 'name' }}
          notFoundContent={t('treatment.transfer.facilityNone')}
          options={options.map((o) => ({
            value: o.value,
            name: o.facility.name,
            label: (
              <>
                {o.facility.name}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' · '}
                  {o.facility.tier === null ? t('treatment.noTier') : t('treatment.tier', { tier: o.facility.tier })}
                  {o.otherTier ? ` (${t('treatment.transfer.otherTier')})` : ''}
                </Typography.Text>
              </>
            ),
          }))}
          data-testid="transfer-facility"
        />
      </Form.Item>
      <Form.Item name="date" label={t('treatment.transfer.date')} rules={[required]}>
        <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today || d.format('YYYY-MM-DD') < admission.admittedOn} data-testid="transfer-date" />
      </Form.Item>
      <Form.Item name="reason" label={t('treatment.transfer.reason')} rules={[{ ...required, whitespace: true }]}>
        <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 2, maxRows: 5 }} data-testid="transfer-reason" />
      </Form.Item>
      <FormFooter saving={saving} onClose={onClose} submitText={t('treatment.transfer.submit')} testId="transfer-submit" />
    </Form>
  );
}
