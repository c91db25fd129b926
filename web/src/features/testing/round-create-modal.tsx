import { App, DatePicker, Form, type FormRule, Input, InputNumber, Modal, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useMe } from '../../shared/session/session.tsx';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import {
  isPooled,
  MAX_ROUND_PEOPLE,
  parsePersonIds,
  POOL_SIZE_BY_RISK,
  POOL_SIZE_RANGE,
  personIdsProblem,
  roundCreateBody,
  ROUND_FIELDS,
} from './round-form.ts';
import { type Method, METHODS, RISK_LEVELS, type RiskLevel, type RoundDetail, TARGET_KINDS, type TargetKind, testingPaths } from './testing-api.ts';
import { methodLabel } from './testing-view.ts';
import { type TestingUnit, unitsPaths } from './units-api.ts';
import { TargetPlaceFields } from './target-fields.tsx';

interface FormValues {
  targetKind: TargetKind;
  /** Only narrows the communes offered: not sent. */
  districtCode?: string;
  communeCode?: string;
  /** A lockdown zone target. */
  targetZoneId?: number | null;
  village?: string;
  targetOrgId?: number | null;
  /** The workshop option chosen (a workshop with all its shifts, or one shift). */
  workshop?: string;
  personIds?: string;
  targetLabel?: string;
  scheduledOn: Dayjs;
  method: Method;
  riskLevel?: RiskLevel;
  poolSize?: number | null;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (round: RoundDetail) => void;
}

/** "Tạo đợt lấy mẫu": a round for a lockdown zone, a commune or village, an enterprise or workshop, a facility or a list of people, on a day, with its method. */
export function RoundCreateModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(open);
  return (
    <Modal open={open} title={t('testing.create.title')} onCancel={onClose} destroyOnHidden footer={null} width={560}>
      {open && <RoundForm key={opening} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function RoundForm({ onClose, onCreated }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(ROUND_FIELDS));
  const targetKind = Form.useWatch('targetKind', form);
  const method = Form.useWatch('method', form);
  const riskLevel = Form.useWatch('riskLevel', form);
  const districtCode = Form.useWatch('districtCode', form);
  const personIdsText = Form.useWatch('personIds', form);
  const pooled = isPooled(method);
  // Teams and testing units to name as the round's team (optional: a unit's own user samples for it).
  const units = useApi<TestingUnit[]>(unitsPaths.units());
  const required = { required: true, message: t('testing.required') };

  const submit = async (v: FormValues) => {
    // 400: issues on the target (commune, unit, list, group name), the date or the pooling.
    await run(async () => {
      const round = await api.post<RoundDetail>(testingPaths.createRound, roundCreateBody({ ...v, scheduledOn: v.scheduledOn.format('YYYY-MM-DD') }));
      message.success(t('testing.create.created', { code: round.code, expected: fmt.number(round.expected) }));
      onCreated(round);
    });
  };

  const personIdsRule: FormRule = {
    validator: (_, value: string | undefined) => {
      const problem = personIdsProblem(parsePersonIds(value ?? ''));
      if (!problem) return Promise.resolve();
      const text =
        problem.kind === 'empty'
          ? t('testing.create.idsEmpty')
          : problem.kind === 'invalid'
            ? t('testing.create.idsInvalid', { values: problem.values.join(', '), count: problem.count })
            : t('testing.create.idsTooMany', { max: fmt.number(MAX_ROUND_PEOPLE), count: fmt.number(problem.count) });
      return Promise.reject(new Error(text));
    },
  };
  // As the server: a pooled round needs a risk level unless its pool size is given.
  const riskRule: FormRule = ({ getFieldValue }) => ({
    validator: (_, value: RiskLevel | undefined) =>
      isPooled(getFieldValue('method') as Method) && !value && getFieldValue('poolSize') == null
        ? Promise.reject(new Error(t('testing.create.riskRequired')))
        : Promise.resolve(),
  });

  const listCount = targetKind === 'list' ? parsePersonIds(personIdsText ?? '').ids.length : 0;

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{
        targetKind: 'commune',
        districtCode: me.scope.kind === 'district' ? me.scope.code : undefined,
        scheduledOn: dayjs(todayInVietnam()),
        method: 'rt_pcr_pool',
      }}
      onValuesChange={(changed: Partial<FormValues>) => {
        clearEditedErrors(form, changed);
        // Another district: its communes only; another commune or enterprise: its villages or workshops only.
        if ('districtCode' in changed) form.setFieldValue('communeCode', undefined);
        if ('districtCode' in changed || 'communeCode' in changed) form.setFieldValue('village', undefined);
        if ('targetOrgId' in changed) form.setFieldValue('workshop', undefined);
      }}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="round-form"
    >
      <FormErrorAlert error={error} testId="round-error" />
      <UnplacedIssuesAlert title={t('testing.create.rejected')} issues={otherIssues} />
      <Form.Item name="targetKind" label={t('testing.create.targetKind')} rules={[required]}>
        <Select<TargetKind> options={TARGET_KINDS.map((k) => ({ value: k, label: t(`testing.targetKinds.${k}`) }))} data-testid="round-target-kind" />
      </Form.Item>

      <TargetPlaceFields targetKind={targetKind} districtCode={districtCode} dateField="scheduledOn" testIdPrefix="round" />
      {targetKind === 'list' && (
        <>
          <Form.Item
            name="personIds"
            label={t('testing.create.personIds')}
            required
            extra={
              <>
                {t('testing.create.personIdsHint')}
                {listCount > 0 && <strong> {t('testing.create.personIdsCount', { count: listCount })}</strong>}
              </>
            }
            rules={[personIdsRule]}
          >
            <Input.TextArea rows={4} spellCheck={false} data-testid="round-person-ids" />
          </Form.Item>
          <Form.Item name="targetLabel" label={t('testing.create.groupName')} rules={[{ ...required, whitespace: true }]}>
            <Input maxLength={200} placeholder={t('testing.create.groupNamePlaceholder')} data-testid="round-label" />
          </Form.Item>
        </>
      )}

      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="scheduledOn" label={t('testing.create.scheduledOn')} rules={[required]} style={{ flex: '1 1 150px' }}>
          <DatePicker format="DD/MM/YYYY" allowClear={false} style={{ width: '100%' }} data-testid="round-date" />
        </Form.Item>
        <Form.Item name="method" label={t('testing.create.method')} rules={[required]} style={{ flex: '2 1 220px' }}>
          <Select<Method> options={METHODS.map((m) => ({ value: m, label: methodLabel(m, null, lang) }))} data-testid="round-method" />
        </Form.Item>
      </div>
      <Form.Item name="teamOrgId" label={t('testing.create.team')}>
        <Select<number>
          allowClear
          showSearch
          optionFilterProp="label"
          loading={units.loading}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="round-team"
        />
      </Form.Item>
      {pooled && (
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Form.Item name="riskLevel" label={t('testing.create.riskLevel')} rules={[riskRule]} dependencies={['poolSize', 'method']} style={{ flex: '2 1 220px' }}>
            <Select<RiskLevel> allowClear options={RISK_LEVELS.map((r) => ({ value: r, label: t(`testing.riskLevels.${r}`) }))} data-testid="round-risk" />
          </Form.Item>
          <Form.Item
            name="poolSize"
            label={t('testing.create.poolSize')}
            extra={riskLevel ? t('testing.create.poolSizeHint', { size: POOL_SIZE_BY_RISK[riskLevel] }) : undefined}
            style={{ flex: '1 1 140px' }}
          >
            <InputNumber<number> min={POOL_SIZE_RANGE.min} max={POOL_SIZE_RANGE.max} precision={0} style={{ width: '100%' }} data-testid="round-pool-size" />
          </Form.Item>
        </div>
      )}
      {targetKind !== 'list' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('testing.create.expectedHint')}
        </Typography.Paragraph>
      )}
      <FormFooter saving={saving} onClose={onClose} submitText={t('testing.create.submit')} testId="round-submit" />
    </Form>
  );
}
