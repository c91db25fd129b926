import { App, DatePicker, Form, InputNumber, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../shared/api/client.ts';
import { useOpenCount } from '../../shared/hooks/use-open-count.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, sameNames, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { FormFooter } from '../../shared/ui/form-footer.tsx';
import { type Pool, type PoolResultBody, type PoolResultOutcome, SAMPLE_RESULTS, type SampleResult, testingPaths } from './testing-api.ts';
import { poolResultText } from './testing-view.ts';

interface FormValues {
  result: SampleResult;
  resultedOn: Dayjs;
  ct?: number | null;
}

/** The fields the server's issues may name (a 409 ALREADY_RESULTED names `result`). */
const FIELDS = ['result', 'resultedOn', 'ct'] as const;

interface Props {
  /** The pool whose result is entered; null: closed. */
  pool: Pool | null;
  onClose: () => void;
  onSaved: () => void;
  /** The round shown is out of date (the pool got a result meanwhile). */
  onStale: () => void;
}

/** "Nhập kết quả" of a pool by hand (a lab without a file): negative clears its members, positive or invalid opens their re-tests. */
export function PoolResultModal({ pool, onClose, onSaved, onStale }: Props) {
  const { t } = useTranslation();
  const opening = useOpenCount(pool);
  return (
    <Modal
      open={pool !== null}
      title={pool ? t('testing.poolResult.title', { barcode: pool.barcode }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={null}
      width={460}
    >
      {pool && <ResultForm key={opening} pool={pool} onClose={onClose} onSaved={onSaved} onStale={onStale} />}
    </Modal>
  );
}

function ResultForm({ pool, onClose, onSaved, onStale }: Props & { pool: Pool }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, sameNames(FIELDS));
  const today = todayInVietnam();

  const submit = async (v: FormValues) => {
    const body: PoolResultBody = { result: v.result, resultedOn: v.resultedOn.format('YYYY-MM-DD'), ct: v.ct ?? null };
    await run(async () => {
      const outcome = await apiRequest<PoolResultOutcome>(testingPaths.poolResult(pool.id), { method: 'PUT', json: body });
      if (outcome.cleared === 0 && outcome.retests === 0) message.info(poolResultText(outcome, lang));
      else message.success(poolResultText(outcome, lang));
      onSaved();
    }, (e) => {
      if (e instanceof ApiError && e.code === 'ALREADY_RESULTED') onStale();
    });
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={{ resultedOn: dayjs(today < pool.takenOn ? pool.takenOn : today), ct: null }}
      onValuesChange={(changed: Partial<FormValues>) => clearEditedErrors(form, changed)}
      onFinish={(v) => void submit(v)}
      disabled={saving}
      data-testid="pool-result-form"
    >
      <Typography.Paragraph type="secondary">
        {t('testing.poolResult.members', { members: fmt.number(pool.members), date: fmt.date(pool.takenOn) })}
      </Typography.Paragraph>
      <FormErrorAlert error={error} testId="pool-result-error" />
      <UnplacedIssuesAlert title={t('testing.poolResult.rejected')} issues={otherIssues} />
      <Form.Item name="result" label={t('testing.poolResult.result')} rules={[{ required: true, message: t('testing.required') }]}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={SAMPLE_RESULTS.map((r) => ({ value: r, label: t(`testing.results.${r}`) }))}
          data-testid="pool-result-value"
        />
      </Form.Item>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Form.Item name="resultedOn" label={t('testing.poolResult.resultedOn')} rules={[{ required: true, message: t('testing.required') }]} style={{ flex: '1 1 160px' }}>
          <DatePicker
            format="DD/MM/YYYY"
            allowClear={false}
            style={{ width: '100%' }}
            // Between the sampling day and today, as the server checks.
            disabledDate={(d) => {
              const day = d.format('YYYY-MM-DD');
              return day > today || day < pool.takenOn;
            }}
            data-testid="pool-result-date"
          />
        </Form.Item>
        <Form.Item name="ct" label={t('testing.poolResult.ct')} style={{ flex: '1 1 140px' }}>
          <InputNumber<number> min={0} max={50} step={0.1} precision={2} style={{ width: '100%' }} data-testid="pool-result-ct" />
        </Form.Item>
      </div>
      <FormFooter saving={saving} onClose={onClose} submitText={t('testing.poolResult.submit')} testId="pool-result-submit" />
    </Form>
  );
}
