import { DownloadOutlined, FileTextOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PageHeader } from '../../shared/ui/page-header.tsx';
import { FiguresPanel } from './figures-panel.tsx';
import { KeptReportsTable } from './kept-reports-table.tsx';
import {
  type DailyReport, defaultReportDate, fileName, filePath, generatePath, notesChanged, type NotesInput, notesPath, type ReportList, reportPath, reportsListPath,
} from './reports-api.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * "Báo cáo tình hình dịch": the report of a day (?date=, default the latest kept report's day,
 * else the latest case's): its figures, its number and texts, generation and the two files, and
 * below the reports kept per day.
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const { download, downloading } = useDownload();
  const canWrite = can(me, 'report:write');
  const [params, setParams] = useSearchParams();
  const asked = params.get('date');
  const date = asked && DATE.test(asked) ? asked : null;
  // Only to pick the default day when the URL names none.
  const first = useApi<ReportList>(date ? null : reportsListPath(1, 1));
  const day = date ?? (first.data ? defaultReportDate(first.data) : null);
  const report = useApi<DailyReport>(day ? reportPath(day) : null);
  const [draft, setDraft] = useState<NotesInput>({ number: null, difficulties: '', proposals: '' });
  const [busy, setBusy] = useState<'save' | 'generate' | null>(null);
  const [listKey, setListKey] = useState(0);
  const today = todayInVietnam();

  const r = report.data;
  useEffect(() => {
    if (r) setDraft({ number: r.number, difficulties: r.difficulties, proposals: r.proposals });
  }, [r]);

  const pick = (d: Dayjs | null) => {
    if (d) setParams({ date: d.format('YYYY-MM-DD') });
  };

  const saveNotes = async () => {
    await apiRequest<DailyReport>(notesPath(day!), { method: 'PUT', json: { number: draft.number?.trim() || null, difficulties: draft.difficulties, proposals: draft.proposals } });
  };

  const onSave = async () => {
    setBusy('save');
    try {
      await saveNotes();
      message.success(t('reports.saved'));
      report.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setBusy(null);
    }
  };

  // Unsaved texts are saved first, so the files carry what is on screen.
  const onGenerate = async () => {
    setBusy('generate');
    try {
      if (r && notesChanged(r, draft)) await saveNotes();
      await apiRequest<DailyReport>(generatePath(day!), { method: 'POST' });
      message.success(t('reports.generated', { date: fmt.date(day) }));
      report.reload();
      setListKey((k) => k + 1);
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setBusy(null);
    }
  };

  const status = !r ? null : r.generatedAt === null
    ? <Alert type="info" showIcon title={t('reports.statusPreview')} style={{ marginBottom: 16 }} />
    : (
      <Alert
        type="success"
        showIcon
        style={{ marginBottom: 16 }}
        title={r.generatedBy?.scheduler
          ? t('reports.statusScheduler', { at: fmt.dateTimeMinutes(r.generatedAt) })
          : t('reports.statusGenerated', { at: fmt.dateTimeMinutes(r.generatedAt), by: r.generatedBy?.fullName ?? r.generatedBy?.username ?? '–' })}
        description={t('reports.keptNote')}
      />
    );

  const changed = r ? notesChanged(r, draft) : false;
  return (
    <div>
      <PageHeader
        title={t('reports.title')}
        extra={
          <Space wrap>
            <DatePicker
              aria-label={t('reports.date')}
              format="DD/MM/YYYY"
              allowClear={false}
              value={day ? dayjs(day) : null}
              disabledDate={(d) => d.format('YYYY-MM-DD') > today}
              onChange={pick}
            />
            {canWrite && (
              <Button type="primary" icon={<FileTextOutlined />} loading={busy === 'generate'} disabled={!day || busy !== null} onClick={() => void onGenerate()} data-testid="report-generate">
                {r?.generatedAt ? t('reports.regenerate') : t('reports.generate')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} disabled={!r?.hasFiles} loading={downloading} onClick={() => void download(filePath(day!, 'docx'), fileName(day!, 'docx'))} data-testid="report-docx">
              {t('reports.downloadDocx')}
            </Button>
            <Button icon={<DownloadOutlined />} disabled={!r?.hasFiles} loading={downloading} onClick={() => void download(filePath(day!, 'xlsx'), fileName(day!, 'xlsx'))} data-testid="report-xlsx">
              {t('reports.downloadXlsx')}
            </Button>
          </Space>
        }
      />
      {first.error && <ErrorAlert error={first.error} onRetry={first.reload} />}
      {report.error && <ErrorAlert error={report.error} onRetry={report.reload} />}
      {status}
      {r ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{t('reports.summaryTitle', { date: fmt.date(r.date) })}</Typography.Title>
          <FiguresPanel figures={r.figures} />
          <Card size="small" title={t('reports.notesTitle')} style={{ marginBottom: 16 }}>
            {!canWrite && <Typography.Paragraph type="secondary">{t('reports.readOnly')}</Typography.Paragraph>}
            <Form layout="vertical" disabled={!canWrite}>
              <Form.Item label={t('reports.number')} htmlFor="report-number" style={{ maxWidth: 320 }}>
                <Input id="report-number" value={draft.number ?? ''} maxLength={50} placeholder={t('reports.numberPlaceholder')} onChange={(e) => setDraft({ ...draft, number: e.target.value })} />
              </Form.Item>
              <Form.Item label={t('reports.difficulties')} htmlFor="report-difficulties">
                <Input.TextArea id="report-difficulties" value={draft.difficulties} maxLength={20000} autoSize={{ minRows: 3, maxRows: 12 }} onChange={(e) => setDraft({ ...draft, difficulties: e.target.value })} />
              </Form.Item>
              <Form.Item label={t('reports.proposals')} htmlFor="report-proposals">
                <Input.TextArea id="report-proposals" value={draft.proposals} maxLength={20000} autoSize={{ minRows: 3, maxRows: 12 }} onChange={(e) => setDraft({ ...draft, proposals: e.target.value })} />
              </Form.Item>
              {canWrite && (
                <Space wrap>
                  <Button icon={<SaveOutlined />} loading={busy === 'save'} disabled={!changed || busy !== null} onClick={() => void onSave()}>{t('reports.save')}</Button>
                  {changed && <Typography.Text type="warning">{t('reports.unsaved')}</Typography.Text>}
                </Space>
              )}
            </Form>
          </Card>
        </>
      ) : (
        !report.error && <Skeleton active />
      )}
      <KeptReportsTable reloadKey={listKey} onOpen={(d) => setParams({ date: d })} />
    </div>
  );
}
