import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Radio, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../shared/api/client.ts';
import { FormErrorAlert, sameNames, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { communityPaths, type Task, type TaskResult } from './community-api.ts';

const BIG = { height: 52, fontSize: 17 } as const;

/** What a team offers as results, by kind of task. */
function resultsFor(kind: Task['kind']): TaskResult[] {
  if (kind === 'home_quarantine_check') return ['met', 'not_home', 'referred', 'unreachable', 'other'];
  if (kind === 'pharmacy_followup') return ['tested', 'met', 'referred', 'unreachable', 'other'];
  return ['met', 'not_home', 'referred', 'unreachable', 'other'];
}

interface Values { result: TaskResult; outcome?: string; symptoms?: boolean; temperature?: number | null; tested?: boolean; testResult?: string | null }

/** Completing a task: the result as big buttons, what a home check or a follow-up also records, a note. */
export function TaskCompleteForm({ task, onDone, big = false }: { task: Task; onDone: () => void; big?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { saving, error, run } = useFormSubmit(form, sameNames(['result', 'outcome', 'symptoms', 'temperature', 'tested', 'testResult'] as const));
  const result = Form.useWatch('result', form);
  const tested = Form.useWatch('tested', form);
  const size = big ? BIG : undefined;
  const submit = (v: Values) => run(async () => {
    await apiRequest(communityPaths.complete(task.id), {
      method: 'POST',
      json: { result: v.result, outcome: v.outcome?.trim() || null, symptoms: v.symptoms, temperature: v.temperature ?? null, tested: v.tested, testResult: v.tested ? v.testResult ?? null : null },
    });
    message.success(t('community.tasks.completed'));
    onDone();
  });
  return (
    <Form layout="vertical" form={form} onFinish={(v) => void submit(v)} disabled={saving} data-testid="task-complete-form">
      <FormErrorAlert error={error} testId="task-complete-error" />
      <Form.Item name="result" label={t('community.tasks.result')} rules={[{ required: true, message: t('community.required') }]}>
        <Radio.Group style={{ width: '100%' }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {resultsFor(task.kind).map((r) => (
              <Radio.Button key={r} value={r} style={{ ...size, width: '100%', lineHeight: big ? '50px' : undefined }}><span data-testid={`task-result-${r}`}>{t(`community.tasks.results.${r}`)}</span></Radio.Button>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      {task.kind === 'home_quarantine_check' && result !== 'not_home' && result !== 'unreachable' && (
        <>
          <Form.Item name="symptoms" label={t('community.tasks.symptoms')} valuePropName="checked"><Switch /></Form.Item>
          <Form.Item name="temperature" label={t('community.tasks.temperature')}><InputNumber min={34} max={43} step={0.1} style={{ width: '100%' }} size={big ? 'large' : undefined} inputMode="decimal" /></Form.Item>
        </>
      )}
      {task.kind === 'pharmacy_followup' && (
        <>
          <Form.Item name="tested" label={t('community.tasks.tested')} valuePropName="checked"><Switch /></Form.Item>
          {tested && (
            <Form.Item name="testResult" label={t('community.tasks.testResult')}>
              <Radio.Group options={(['negative', 'positive', 'pending'] as const).map((x) => ({ value: x, label: t(`community.tasks.testResults.${x}`) }))} optionType="button" buttonStyle="solid" />
            </Form.Item>
          )}
        </>
      )}
      <Form.Item name="outcome" label={t('community.tasks.outcome')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
      <Button type="primary" htmlType="submit" block loading={saving} style={size} icon={<CheckOutlined />} data-testid="task-complete-submit">{t('community.tasks.complete')}</Button>
    </Form>
  );
}
