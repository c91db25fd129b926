import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Spin, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../../shared/api/client.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { casesPaths, type ImportReport, issuesOf, type RowIssue, XLSX_MIME } from './cases-api.ts';

type Phase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; file: File; report: ImportReport }
  | { kind: 'importing'; file: File; report: ImportReport }
  | { kind: 'rejected'; issues: RowIssue[] }
  | { kind: 'failed'; error: unknown };

/** Known body fields get their column label; others show as the server names them. */
const FIELD_LABELS: Record<string, string> = {
  caseCode: 'cases.caseCode',
  personId: 'cases.importer.person',
  nationalId: 'cases.nationalId',
  onsetDate: 'cases.onsetDate',
  sampleDate: 'cases.sampleDate',
  confirmationDate: 'cases.confirmationDate',
  isolationDate: 'cases.isolationDate',
  detection: 'cases.detection',
  classification: 'cases.classification',
  status: 'cases.status',
  communeCode: 'cases.commune',
  foundPlace: 'cases.foundPlace',
  note: 'cases.note',
};

function IssuesTable({ issues }: { issues: RowIssue[] }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <Table<RowIssue>
      size="small"
      data-testid="import-issues"
      rowKey={(i, index) => `${i.row}-${i.field}-${i.code}-${index ?? 0}`}
      dataSource={issues}
      pagination={issues.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 480 }}
      columns={[
        { title: t('cases.importer.row'), dataIndex: 'row', width: 70, align: 'right' },
        {
          title: t('cases.importer.field'),
          dataIndex: 'field',
          width: 170,
          render: (f: string) => (FIELD_LABELS[f] ? t(FIELD_LABELS[f] as 'cases.caseCode') : f),
        },
        { title: t('cases.importer.message'), key: 'message', render: (_, i) => i.message[lang] || i.message.vi },
      ]}
    />
  );
}

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

/**
 * Upload → dry run (the server checks every row, writes nothing) → report → confirm.
 * The import is all-or-nothing, so a rejected file has written nothing.
 */
export function CasesImportModal({ open, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });

  const send = async (file: File, dryRun: boolean) =>
    apiRequest<ImportReport>(casesPaths.import(dryRun), { method: 'POST', body: await file.arrayBuffer(), contentType: XLSX_MIME });

  const onFailure = (e: unknown) => {
    if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && issuesOf<RowIssue>(e.details).length > 0) {
      setPhase({ kind: 'rejected', issues: issuesOf<RowIssue>(e.details) });
    } else {
      setPhase({ kind: 'failed', error: e });
    }
  };

  const check = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      message.error(t('cases.importer.onlyXlsx'));
      return;
    }
    setPhase({ kind: 'checking' });
    try {
      setPhase({ kind: 'checked', file, report: await send(file, true) });
    } catch (e) {
      onFailure(e);
    }
  };

  const confirm = async () => {
    if (phase.kind !== 'checked') return;
    setPhase({ ...phase, kind: 'importing' });
    try {
      const result = await send(phase.file, false);
      message.success(t('cases.importer.done', { created: result.created }));
      setPhase({ kind: 'idle' });
      onImported();
    } catch (e) {
      onFailure(e);
    }
  };

  const close = () => {
    if (phase.kind === 'importing') return;
    setPhase({ kind: 'idle' });
    onClose();
  };

  const report = phase.kind === 'checked' || phase.kind === 'importing' ? phase.report : null;

  return (
    <Modal
      open={open}
      title={t('cases.importer.title')}
      onCancel={close}
      width={720}
      footer={[
        <Button key="close" onClick={close} disabled={phase.kind === 'importing'}>
          {t('app.close')}
        </Button>,
        report ? (
          <Button
            key="confirm"
            type="primary"
            loading={phase.kind === 'importing'}
            onClick={() => void confirm()}
            disabled={report.total === 0 || report.issues.length > 0}
            data-testid="import-confirm"
          >
            {t('cases.importer.confirm', { total: report.total })}
          </Button>
        ) : null,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {t('cases.importer.hint')}{' '}
        <a href={casesPaths.template} download>
          <DownloadOutlined /> {t('cases.template')}
        </a>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        multiple={false}
        showUploadList={false}
        disabled={phase.kind === 'checking' || phase.kind === 'importing'}
        beforeUpload={(file) => {
          void check(file);
          return false; // we send the bytes ourselves
        }}
        style={{ marginBottom: 16 }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('cases.importer.pick')}</p>
      </Upload.Dragger>

      {phase.kind === 'checking' && (
        <div style={{ textAlign: 'center', padding: 16 }}>
          <Spin /> <span style={{ marginInlineStart: 8 }}>{t('cases.importer.checking')}</span>
        </div>
      )}
      {report && (
        <>
          {report.issues.length === 0 ? (
            <Alert type="success" showIcon title={t('cases.importer.checkedOk', { total: report.total })} style={{ marginBottom: 12 }} data-testid="import-ok" />
          ) : (
            <Alert type="error" showIcon title={t('cases.importer.failed')} style={{ marginBottom: 12 }} data-testid="import-rejected" />
          )}
          {report.issues.length > 0 && <IssuesTable issues={report.issues} />}
        </>
      )}
      {phase.kind === 'rejected' && (
        <>
          <Alert
            type="error"
            showIcon
            title={t('cases.importer.failed')}
            description={t('cases.importer.nothingWritten')}
            style={{ marginBottom: 12 }}
            data-testid="import-rejected"
          />
          <IssuesTable issues={phase.issues} />
        </>
      )}
      {phase.kind === 'failed' && (
        <>
          <ErrorAlert error={phase.error} />
          {phase.error instanceof ApiError && phase.error.status >= 400 && phase.error.status < 500 && (
            <Typography.Text type="secondary">{t('cases.importer.nothingWritten')}</Typography.Text>
          )}
        </>
      )}
    </Modal>
  );
}
