import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Spin, Table, Typography, Upload } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiRequest } from '../api/client.ts';
import { type ImportReport, issuesOf, type RowIssue } from '../api/issues.ts';
import { useLanguage } from '../i18n/index.ts';
import { ErrorAlert } from './error-alert.tsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The texts that name what is imported (the rest of the dialog's texts are shared). */
export interface ImportTexts {
  title: string;
  hint: string;
  /** The template link's text (shown with `templateUrl`). */
  template?: string;
  checkedOk: (total: number) => string;
  confirm: (total: number) => string;
  done: (created: number) => string;
}

type Phase<R> =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; file: File; report: R }
  | { kind: 'importing'; file: File; report: R }
  | { kind: 'rejected'; issues: RowIssue[]; file?: File }
  | { kind: 'failed'; error: unknown };

function IssuesTable({ issues, fieldLabel, fieldWidth }: { issues: RowIssue[]; fieldLabel: (field: string) => string; fieldWidth: number }) {
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
        { title: t('importer.row'), dataIndex: 'row', width: 70, align: 'right' },
        { title: t('importer.field'), dataIndex: 'field', width: fieldWidth, render: (f: string) => fieldLabel(f) },
        { title: t('importer.message'), key: 'message', render: (_, i) => i.message[lang] || i.message.vi },
      ]}
    />
  );
}

interface Props<R extends ImportReport> {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
  /** Where the file is POSTed; `dryRun`: checked only, nothing written. */
  importUrl: (dryRun: boolean) => string;
  /** A template to download, linked after the hint. */
  templateUrl?: string;
  texts: ImportTexts;
  /** The column label of a field an issue names (the server's name when unknown). */
  fieldLabel: (field: string) => string;
  fieldColumnWidth?: number;
  /**
   * Whether a dry run's issues forbid the import (the file is shown as rejected). Otherwise the
   * check is shown as passed, with the issues listed below it.
   */
  issuesBlockImport?: boolean;
  /** More about a passed check (e.g. rows that will be skipped). */
  reportNotes?: (report: R) => ReactNode;
  /** Where a rejected file is POSTed again for its XLSX error report (row, column, vi and en message): a download button under the issues. */
  errorReportUrl?: string;
}

/**
 * Upload → dry run (the server checks every row, writes nothing) → report → confirm.
 * The import is all-or-nothing, so a rejected file has written nothing.
 */
export function XlsxImportModal<R extends ImportReport = ImportReport>({
  open,
  onClose,
  onImported,
  importUrl,
  templateUrl,
  texts,
  fieldLabel,
  fieldColumnWidth = 150,
  issuesBlockImport = false,
  reportNotes,
  errorReportUrl,
}: Props<R>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [phase, setPhase] = useState<Phase<R>>({ kind: 'idle' });

  const send = async (file: File, dryRun: boolean) =>
    apiRequest<R>(importUrl(dryRun), { method: 'POST', body: await file.arrayBuffer(), contentType: XLSX_MIME });

  const onFailure = (e: unknown, file?: File) => {
    if (e instanceof ApiError && e.code === 'VALIDATION_FAILED' && issuesOf<RowIssue>(e.details).length > 0) {
      setPhase({ kind: 'rejected', issues: issuesOf<RowIssue>(e.details), ...(file ? { file } : {}) });
    } else {
      setPhase({ kind: 'failed', error: e });
    }
  };

  const check = async (file: File) => {
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      message.error(t('importer.onlyXlsx'));
      return;
    }
    setPhase({ kind: 'checking' });
    try {
      setPhase({ kind: 'checked', file, report: await send(file, true) });
    } catch (e) {
      onFailure(e, file);
    }
  };

  const confirm = async () => {
    if (phase.kind !== 'checked') return;
    setPhase({ ...phase, kind: 'importing' });
    try {
      const result = await send(phase.file, false);
      message.success(texts.done(result.created));
      setPhase({ kind: 'idle' });
      onImported();
    } catch (e) {
      onFailure(e, phase.file);
    }
  };

  const close = () => {
    if (phase.kind === 'importing') return;
    setPhase({ kind: 'idle' });
    onClose();
  };

  const report = phase.kind === 'checked' || phase.kind === 'importing' ? phase.report : null;
  const blocked = issuesBlockImport && report !== null && report.issues.length > 0;

  return (
    <Modal
      open={open}
      title={texts.title}
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
            disabled={report.total === 0 || blocked}
            data-testid="import-confirm"
          >
            {texts.confirm(report.total)}
          </Button>
        ) : null,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {texts.hint}
        {templateUrl && (
          <>
            {' '}
            <a href={templateUrl} download>
              <DownloadOutlined /> {texts.template}
            </a>
          </>
        )}
      </Typography.Paragraph>
      <Upload.Dragger
        accept={`.xlsx,${XLSX_MIME}`}
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
        <p className="ant-upload-text">{t('importer.pick')}</p>
      </Upload.Dragger>

      {phase.kind === 'checking' && (
        <div style={{ textAlign: 'center', padding: 16 }}>
          <Spin /> <span style={{ marginInlineStart: 8 }}>{t('importer.checking')}</span>
        </div>
      )}
      {report && (
        <>
          {blocked ? (
            <Alert type="error" showIcon title={t('importer.failed')} style={{ marginBottom: 12 }} data-testid="import-rejected" />
          ) : (
            <Alert type="success" showIcon title={texts.checkedOk(report.total)} style={{ marginBottom: 12 }} data-testid="import-ok" />
          )}
          {reportNotes?.(report)}
          {report.issues.length > 0 && <IssuesTable issues={report.issues} fieldLabel={fieldLabel} fieldWidth={fieldColumnWidth} />}
        </>
      )}
      {phase.kind === 'rejected' && (
        <>
          <Alert
            type="error"
            showIcon
            title={t('importer.failed')}
            description={t('importer.nothingWritten')}
            style={{ marginBottom: 12 }}
            data-testid="import-rejected"
          />
          <IssuesTable issues={phase.issues} fieldLabel={fieldLabel} fieldWidth={fieldColumnWidth} />
          {errorReportUrl && phase.file && <ErrorReportButton url={errorReportUrl} file={phase.file} />}
        </>
      )}
      {phase.kind === 'failed' && (
        <>
          <ErrorAlert error={phase.error} />
          {phase.error instanceof ApiError && phase.error.status >= 400 && phase.error.status < 500 && (
            <Typography.Text type="secondary">{t('importer.nothingWritten')}</Typography.Text>
          )}
        </>
      )}
    </Modal>
  );
}

/** Sends the rejected file again and saves the server's XLSX error report. */
function ErrorReportButton({ url, file }: { url: string; file: File }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      const res = await fetch(url, { method: 'POST', body: await file.arrayBuffer(), headers: { 'content-type': XLSX_MIME }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'bao-cao-loi.xlsx';
      const href = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = href;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
    } catch (e) {
      message.error(String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={() => void download()} style={{ marginTop: 12 }} data-testid="import-error-report">
      {t('importer.errorReport')}
    </Button>
  );
}
