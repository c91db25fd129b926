import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Progress, Radio, Spin, Statistic, Table, type TableColumnsType, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { importSummary, issuesTruncated, LAB_FILE_ACCEPT, labContentType, reportImportId } from './lab-import.ts';
import { IMPORT_MODES, type ImportMode, type LabImportResult, type LabIssue, testingPaths } from './testing-api.ts';
import { uploadWithProgress } from './upload-with-progress.ts';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; name: string; percent: number }
  | { kind: 'processing'; name: string }
  | { kind: 'done'; name: string; result: LabImportResult }
  | { kind: 'failed'; name: string; error: unknown };

const LAB_FIELDS = ['barcode', 'result', 'ct', 'testDate', 'lab'] as const;

/**
 * "Nhập kết quả xét nghiệm": a lab's result file (.csv or .xlsx) sent as is, with the progress of
 * the upload; the server checks every row and applies all of them or none, or each valid row.
 */
export function LabImportTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  const send = async (file: File) => {
    const contentType = labContentType(file.name);
    if (!contentType) {
      message.error(t('testing.lab.onlyCsvXlsx'));
      return;
    }
    const name = file.name;
    setPhase({ kind: 'uploading', name, percent: 0 });
    try {
      const result = await uploadWithProgress<LabImportResult>(testingPaths.labResults(mode, name), file, contentType, {
        onProgress: (fraction) => setPhase((p) => (p.kind === 'uploading' ? { ...p, percent: Math.floor(fraction * 100) } : p)),
        onSent: () => setPhase((p) => (p.kind === 'uploading' ? { kind: 'processing', name } : p)),
      });
      setPhase({ kind: 'done', name, result });
    } catch (error) {
      setPhase({ kind: 'failed', name, error });
    }
  };

  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Paragraph type="secondary">{t('testing.lab.hint')}</Typography.Paragraph>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', marginBottom: 12 }}>
        <Typography.Text strong>{t('testing.lab.mode')}:</Typography.Text>
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as ImportMode)}
          disabled={busy}
          optionType="button"
          options={IMPORT_MODES.map((m) => ({ value: m, label: t(`testing.lab.modes.${m}`) }))}
          aria-label={t('testing.lab.mode')}
          data-testid="lab-mode"
        />
        <Typography.Text type="secondary">{t(`testing.lab.modeHints.${mode}`)}</Typography.Text>
      </div>
      <div data-testid="lab-upload" style={{ marginBottom: 16 }}>
        <Upload.Dragger
          accept={LAB_FILE_ACCEPT}
          multiple={false}
          maxCount={1}
          showUploadList={false}
          disabled={busy}
          beforeUpload={(file) => {
            void send(file);
            return false; // we send the bytes ourselves, with the progress
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('testing.lab.pick')}</p>
        </Upload.Dragger>
      </div>

      {phase.kind === 'uploading' && (
        <div data-testid="lab-progress">
          <Typography.Text>{t('testing.lab.uploading', { name: phase.name })}</Typography.Text>
          <Progress percent={phase.percent} status="active" />
        </div>
      )}
      {phase.kind === 'processing' && (
        <div style={{ textAlign: 'center', padding: 16 }} data-testid="lab-processing">
          <Spin /> <span style={{ marginInlineStart: 8 }}>{t('testing.lab.processing')}</span>
        </div>
      )}
      {phase.kind === 'failed' && (
        <div data-testid="lab-error">
          <ErrorAlert error={phase.error} />
        </div>
      )}
      {phase.kind === 'done' && <LabResultPanel result={phase.result} />}
    </div>
  );
}

function LabResultPanel({ result }: { result: LabImportResult }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const download = useDownload();
  const summary = importSummary(result, fmt.lang);
  const reportId = reportImportId(result);
  const counts: Array<[string, number]> =
    summary.kind === 'duplicate'
      ? []
      : [
          [t('testing.lab.counts.total'), result.total],
          [t('testing.lab.counts.applied'), result.applied],
          [t('testing.lab.counts.unchanged'), result.unchanged],
          [t('testing.lab.counts.rejected'), result.rejected],
          [t('testing.lab.counts.cleared'), result.cleared],
          [t('testing.lab.counts.retests'), result.retests],
          [t('testing.lab.counts.cases'), result.caseIds.length],
        ];
  const fieldText = (f: string) => ((LAB_FIELDS as readonly string[]).includes(f) ? t(`testing.lab.fields.${f as (typeof LAB_FIELDS)[number]}`) : f);

  const columns: TableColumnsType<LabIssue> = [
    { title: t('testing.lab.row'), dataIndex: 'row', width: 70, align: 'right' },
    { title: t('testing.lab.field'), dataIndex: 'field', width: 140, render: fieldText },
    { title: t('testing.lab.value'), dataIndex: 'value', width: 160, render: (v: string | null) => v ?? '–' },
    { title: t('testing.lab.message'), key: 'message', render: (_, i) => i.message[fmt.lang] || i.message.vi },
  ];

  return (
    <div data-testid="lab-result" data-status={summary.kind}>
      <Alert type={summary.type} showIcon title={summary.text} style={{ marginBottom: 12 }} data-testid="lab-summary" />
      {counts.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: '12px 24px', marginBottom: 12 }} data-testid="lab-counts">
          {counts.map(([title, value]) => (
            <Statistic key={title} title={title} value={fmt.number(value)} styles={{ content: { fontSize: 20 } }} style={{ minWidth: 110 }} />
          ))}
        </div>
      )}
      {result.caseIds.length > 0 && (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }} data-testid="lab-cases">
          <Typography.Text strong>{t('testing.lab.counts.cases')}:</Typography.Text>
          {result.caseIds.map((id) => (
            <Link key={id} to={`/cases/${id}`}>
              {t('testing.lab.caseLink', { id })}
            </Link>
          ))}
        </div>
      )}
      {result.issues.length > 0 && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', marginBottom: 8 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('testing.lab.issuesTitle')}
            </Typography.Title>
            {reportId !== null && (
              <Button
                icon={<DownloadOutlined />}
                loading={download.downloading}
                onClick={() => void download.download(testingPaths.labReport(reportId), `bao-cao-loi-nhap-ket-qua-${reportId}.xlsx`)}
                data-testid="lab-report"
              >
                {t('testing.lab.report')}
              </Button>
            )}
          </div>
          {issuesTruncated(result) && (
            <Typography.Paragraph type="secondary">{t('testing.lab.issuesShown', { shown: fmt.number(result.issues.length) })}</Typography.Paragraph>
          )}
          <Table<LabIssue>
            size="small"
            data-testid="lab-issues"
            rowKey={(i, index) => `${i.row}-${i.field}-${i.code}-${index ?? 0}`}
            dataSource={result.issues}
            columns={columns}
            scroll={{ x: 640 }}
            pagination={result.issues.length > 10 ? { defaultPageSize: 10, showSizeChanger: true } : false}
          />
        </>
      )}
    </div>
  );
}
