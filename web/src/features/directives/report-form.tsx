import { PaperClipOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Slider, Space, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { clearEditedErrors, FormErrorAlert, UnplacedIssuesAlert, useFormSubmit } from '../../shared/ui/form-issues.tsx';
import { directivesPaths, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type Report, type ReportBody, type TaskDetail } from './directives-api.ts';
import { type AttachmentProblem, attachmentProblem, fileSizeText, fileToAttachment } from './directives-view.ts';

interface FormValues {
  text: string;
  percent: number;
  done: boolean;
}

function fieldOf(field: string): string | undefined {
  if (field === 'text' || field === 'percent' || field === 'done') return field;
  // The files are no form field: their issues show above the form.
  return undefined;
}

/** The lead agency's progress report: text, percent, done, and up to three files read in the browser. */
export function ReportForm({ task, onReported }: { task: TaskDetail; onReported: (report: Report) => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { saving, error, otherIssues, run } = useFormSubmit(form, fieldOf);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [reading, setReading] = useState(false);
  const problem = attachmentProblem(files.map((f) => ({ name: f.name, size: f.size ?? 0 })));
  const maxMb = MAX_ATTACHMENT_BYTES / 1024 / 1024;

  const problemText = (p: AttachmentProblem) => {
    switch (p.kind) {
      case 'tooMany':
        return t('directives.reportForm.tooMany', { max: p.max });
      case 'tooBig':
        return t('directives.reportForm.tooBig', { name: p.name, mb: p.maxMb });
      case 'empty':
        return t('directives.reportForm.empty', { name: p.name });
    }
  };

  const submit = async (v: FormValues) => {
    if (problem) return;
    await run(async () => {
      setReading(true);
      let attachments: ReportBody['attachments'];
      try {
        attachments = await Promise.all(files.map((f) => fileToAttachment(f.originFileObj as File)));
      } finally {
        setReading(false);
      }
      const body: ReportBody = { text: v.text.trim(), percent: v.done ? 100 : v.percent, done: v.done };
      if (attachments.length > 0) body.attachments = attachments;
      const report = await api.post<Report>(directivesPaths.reports(task.id), body);
      message.success(t(v.done ? 'directives.reportForm.sentDone' : 'directives.reportForm.sent'));
      onReported(report);
    });
  };

  return (
    <Card size="small" title={t('directives.reportForm.title')} data-testid="report-form-card">
      {task.status === 'returned' && (
        <Alert type="warning" showIcon title={t('directives.reportForm.returnedHint')} style={{ marginBottom: 12 }} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ text: '', percent: task.percent, done: false }}
        onValuesChange={(changed: Partial<FormValues>) => {
          clearEditedErrors(form, changed);
          if (changed.done === true) form.setFieldValue('percent', 100);
        }}
        onFinish={(v) => void submit(v)}
        disabled={saving}
        data-testid="report-form"
      >
        <FormErrorAlert error={error} testId="report-error" />
        <UnplacedIssuesAlert title={t('directives.reportForm.rejected')} issues={otherIssues} />
        <Form.Item name="text" label={t('directives.reportForm.text')} rules={[{ required: true, whitespace: true, message: t('directives.required') }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={8000} showCount data-testid="report-text" />
        </Form.Item>
        <Form.Item label={t('directives.reportForm.percent')} required>
          <Space style={{ width: '100%' }} align="center">
            <Form.Item name="percent" noStyle>
              <Slider min={0} max={100} step={5} style={{ width: 260 }} data-testid="report-percent" />
            </Form.Item>
            <Form.Item name="percent" noStyle>
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 100 }} aria-label={t('directives.reportForm.percent')} data-testid="report-percent-input" />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="done" valuePropName="checked">
          <Checkbox data-testid="report-done">{t('directives.reportForm.done')}</Checkbox>
        </Form.Item>
        <Form.Item
          label={t('directives.reportForm.attachments')}
          extra={t('directives.reportForm.attachmentsHint', { max: MAX_ATTACHMENTS, mb: maxMb })}
          validateStatus={problem ? 'error' : undefined}
          help={problem ? problemText(problem) : undefined}
        >
          <Upload
            multiple
            fileList={files}
            // Kept in the browser: read as base64 when the report is sent.
            beforeUpload={() => false}
            onChange={({ fileList }) => setFiles(fileList.map((f) => ({ ...f, status: 'done' as const })))}
            itemRender={(node, file) => (
              <div title={file.name}>
                {node}
                <Typography.Text type={file.size !== undefined && file.size > MAX_ATTACHMENT_BYTES ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                  {fileSizeText(file.size ?? 0, lang)}
                </Typography.Text>
              </div>
            )}
          >
            <Button icon={<PaperClipOutlined />} data-testid="report-attach">
              {t('directives.reportForm.pick')}
            </Button>
          </Upload>
        </Form.Item>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={saving || reading} disabled={problem !== null} data-testid="report-submit">
            {t('directives.reportForm.submit')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
