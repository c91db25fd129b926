import { App, Button, DatePicker, Divider, Form, type FormRule, Input, InputNumber, Modal, Select, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { amendBody, amendChangesSomething, amendFieldOf, amendInitialOf, ruleApplies, sourceCompleteness } from './order-amend.ts';
import { type QuarantineOrder, quarantinePaths, RISK_GROUPS, type RiskGroup, RULE_CODES, SOURCE_KINDS, type SourceKind } from './quarantine-api.ts';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';

interface FormValues {
  reason: string;
  riskGroup?: RiskGroup | null;
  ruleCode?: string | null;
  vaccinatedOrRecovered?: boolean;
  sourcePersonId?: number | null;
  sourceKind?: SourceKind | null;
  sourceDate?: Dayjs | null;
}

interface Props {
  /** The order to amend; null: closed. */
  order: QuarantineOrder | null;
  onClose: () => void;
  onSaved: () => void;
  /** The list behind is out of date (the order ended meanwhile: 409 NOT_ACTIVE). */
  onStale: () => void;
}

/**
 * "Sửa": amends an order in force (risk group, rule version, vaccinated/recovered, source F0) with
 * a reason; the server recomputes the dates. Only what changed is sent.
 */
export function OrderAmendModal({ order, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(order);
  return (
    <Modal
      open={order !== null}
      title={order ? t('quarantine.amend.title', { name: order.full_name }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={560}
    >
      {order && <AmendForm key={opening} order={order} onClose={onClose} onSaved={onSaved} onStale={onStale} />}
    </Modal>
  );
}

const SOURCE_PARTS = ['sourcePersonId', 'sourceKind', 'sourceDate'] as const;

function AmendForm({ order, onClose, onSaved, onStale }: Props & { order: QuarantineOrder }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, amendFieldOf);
  const initial = amendInitialOf(order);
  const withRule = ruleApplies(order);
  const rules = useApi<{ quarantine: Array<{ code: string; document: string; effectiveFrom: string; name: { vi: string; en: string } }> }>(withRule ? '/api/rules' : null);

  const draftOf = (v: FormValues) => ({
    reason: v.reason ?? '',
    riskGroup: v.riskGroup,
    ruleCode: v.ruleCode,
    vaccinatedOrRecovered: v.vaccinatedOrRecovered,
    sourcePersonId: v.sourcePersonId,
    sourceKind: v.sourceKind,
    sourceDate: v.sourceDate ? v.sourceDate.format('YYYY-MM-DD') : null,
  });

  const submit = async (v: FormValues) => {
    const body = amendBody(initial, draftOf(v));
    if (!amendChangesSomething(body)) {
      message.info(t('quarantine.amend.nothingChanged'));
      onClose();
      return;
    }
    await run(async () => {
      const r = await api.patch<{ id: number; changed: boolean }>(quarantinePaths.order(order.id), body);
      if (r.changed) message.success(t('quarantine.amend.saved', { name: order.full_name }));
      else message.info(t('quarantine.amend.nothingChanged'));
      onSaved();
    }, (e) => {
      // 400: issues on reason, ruleCode, riskGroup, source/personId, source/date; 409 NOT_ACTIVE above the form.
      if (e instanceof ApiError && e.code === 'NOT_ACTIVE') onStale();
    });
  };

  // A new source needs its three parts together; none of them means the source stays.
  const sourcePartRule: FormRule = ({ getFieldsValue }) => ({
    validator: (_, value: unknown) => {
      const parts = getFieldsValue([...SOURCE_PARTS]) as Pick<FormValues, (typeof SOURCE_PARTS)[number]>;
      const partial = sourceCompleteness({ ...parts, sourceDate: parts.sourceDate ? 'set' : null }) === 'partial';
      return partial && (value === undefined || value === null || value === '') ? Promise.reject(new Error(t('quarantine.amend.sourceIncomplete'))) : Promise.resolve();
    },
  });

  // The registry's versions (built-in and the province's own); the built-in labels until it answers.
  const ruleOptions = rules.data
    ? rules.data.quarantine.map((v) => ({ value: v.code, label: `${v.document} (${fmt.date(v.effectiveFrom)}): ${lang === 'en' ? v.name.en : v.name.vi}` }))
    : RULE_CODES.map((c) => ({ value: c as string, label: t(`quarantine.ruleVersions.${c}`) }));
  // An order made under a rule this list does not know keeps it as an option.
  if (order.rule_code && !ruleOptions.some((o) => o.value === order.rule_code)) ruleOptions.unshift({ value: order.rule_code, label: order.rule_code });

  const kindText = (k: string) => ((SOURCE_KINDS as readonly string[]).includes(k) ? t(`tracing.kinds.${k as SourceKind}`) : k);
  const current = initial.source
    ? t('quarantine.amend.currentSource', {
        source: [`#${initial.source.personId}`, initial.source.kind && kindText(initial.source.kind), initial.source.date && fmt.date(initial.source.date)].filter(Boolean).join(' · '),
      })
    : t('quarantine.amend.noSource');

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{
        reason: '',
        riskGroup: initial.riskGroup ?? undefined,
        ruleCode: initial.ruleCode ?? undefined,
        vaccinatedOrRecovered: initial.vaccinatedOrRecovered ?? undefined,
      }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="amend-form"
    >
      <FormErrorAlert error={error} testId="amend-error" />
      <UnplacedIssuesAlert title={t('quarantine.amend.rejected')} issues={otherIssues} />
      {withRule && <Typography.Paragraph type="secondary">{t('quarantine.amend.datesHint')}</Typography.Paragraph>}
      <Form.Item name="reason" label={t('quarantine.amend.reason')} rules={[{ required: true, whitespace: true, message: t('quarantine.required') }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder={t('quarantine.amend.reasonPlaceholder')} data-testid="amend-reason" />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="riskGroup" label={t('quarantine.amend.riskGroup')} style={{ flex: '1 1 180px' }}>
          <Select<RiskGroup> options={RISK_GROUPS.map((g) => ({ value: g, label: t(`quarantine.riskGroups.${g}`) }))} data-testid="amend-risk-group" />
        </Form.Item>
        {withRule && (
          <Form.Item name="ruleCode" label={t('quarantine.amend.ruleCode')} style={{ flex: '2 1 260px' }}>
            <Select<string> options={ruleOptions} data-testid="amend-rule" />
          </Form.Item>
        )}
      </div>
      {withRule && (
        <Form.Item
          name="vaccinatedOrRecovered"
          label={t('quarantine.amend.vaccinated')}
          valuePropName="checked"
          extra={initial.vaccinatedOrRecovered === null ? t('quarantine.amend.vaccinatedUnknown') : undefined}
        >
          <Switch data-testid="amend-vaccinated" />
        </Form.Item>
      )}

      <Divider titlePlacement="start" style={{ margin: '8px 0' }}>
        {t('quarantine.amend.newSource')}
      </Divider>
      <Typography.Paragraph type="secondary" data-testid="amend-current-source">
        {current}
      </Typography.Paragraph>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="sourcePersonId" label={t('quarantine.amend.sourcePerson')} rules={[sourcePartRule]} dependencies={['sourceKind', 'sourceDate']} style={{ flex: '1 1 140px' }}>
          <InputNumber<number> min={1} precision={0} style={{ width: '100%' }} data-testid="amend-source-person" />
        </Form.Item>
        <Form.Item name="sourceKind" label={t('quarantine.amend.sourceKind')} rules={[sourcePartRule]} dependencies={['sourcePersonId', 'sourceDate']} style={{ flex: '1 1 170px' }}>
          <Select<SourceKind> allowClear options={SOURCE_KINDS.map((k) => ({ value: k, label: t(`tracing.kinds.${k}`) }))} data-testid="amend-source-kind" />
        </Form.Item>
        <Form.Item name="sourceDate" label={t('quarantine.amend.sourceDate')} rules={[sourcePartRule]} dependencies={['sourcePersonId', 'sourceKind']} style={{ flex: '1 1 150px' }}>
          <DatePicker
            format="DD/MM/YYYY"
            style={{ width: '100%' }}
            // The exposure comes before the quarantine starts (the server checks it too).
            disabledDate={(d) => d.format('YYYY-MM-DD') > order.start_date}
            data-testid="amend-source-date"
          />
        </Form.Item>
      </div>

      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
        <Button onClick={onClose} disabled={false}>
          {t('app.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="amend-submit">
          {t('quarantine.amend.submit')}
        </Button>
      </div>
    </Form>
  );
}
