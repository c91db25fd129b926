import { CheckOutlined, DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Popconfirm, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useDownload } from '../../shared/hooks/use-download.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { CommuneFilterSelect, DistrictFilterSelect } from '../../shared/ui/area-selects.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { XlsxImportModal } from '../../shared/ui/xlsx-import-modal.tsx';
import { ArrivalFormModal } from './arrival-form-modal.tsx';
import {
  ACTION_STATUSES, actionText, type Means, type Arrival, type ArrivalList, type ArrivalQuery, arrivalQueryFromParams, arrivalQueryToParams, arrivalsPaths, CATEGORIES, ORIGIN_LEVELS,
} from './arrivals-api.ts';

const muted = { fontSize: 12, color: 'rgba(0,0,0,0.5)' } as const;
const LEVEL_COLOUR: Record<string, string> = { none: 'default', level1: 'green', level2: 'gold', level3: 'orange', level4: 'red', epidemic_zone: 'orange', lockdown: 'red' };

/** The arrivals list: filters in the URL, counts above, export and a commune's import, and "carry out" for a pending measure. */
export function ArrivalsTab() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = arrivalQueryFromParams(params);
  const list = useApi<ArrivalList>(arrivalsPaths.list(query));
  const { downloading, download } = useDownload();
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const mayWrite = can(me, 'arrival:write');
  const update = (next: ArrivalQuery) => setParams(arrivalQueryToParams(next));
  const filter = (patch: Partial<ArrivalQuery>) => update({ ...query, page: 1, ...patch });

  const apply = async (a: Arrival) => {
    try {
      await api.post<Arrival>(arrivalsPaths.apply(a.id));
      message.success(t('arrivals.applied'));
      list.reload();
    } catch (e) {
      message.error(errorText(e, lang));
    }
  };

  const columns: TableColumnsType<Arrival> = [
    { title: t('arrivals.arrivedAt'), dataIndex: 'arrivedAt', width: 130, render: (v: string) => fmt.dateTimeMinutes(v) },
    {
      title: t('arrivals.person'), key: 'person', render: (_, a) => (
        <>
          <span style={{ fontWeight: 500 }}>{a.fullName}</span>
          <div style={muted}>{[a.phone, t(`arrivals.categories.${a.category}`), a.vehiclePlate].filter(Boolean).join(' · ')}</div>
        </>
      ),
    },
    {
      title: t('arrivals.origin'), key: 'origin', width: 200, render: (_, a) => (
        <>
          <div>{[a.originDistrictName, a.originProvinceName].filter(Boolean).join(', ')}</div>
          <Tag color={LEVEL_COLOUR[a.originLevel]}>{t(`arrivals.levels.${a.originLevel}`)}</Tag>
        </>
      ),
    },
    {
      title: t('arrivals.destination'), key: 'dest', width: 220, render: (_, a) => (
        <>
          <div>{a.communeName}</div>
          <div style={muted}>{[a.destAddress, a.checkpointName ? `${t('arrivals.checkpoint')}: ${a.checkpointName}` : null].filter(Boolean).join(' · ')}</div>
        </>
      ),
    },
    { title: t('arrivals.means'), dataIndex: 'means', width: 90, render: (m: Means) => t(`arrivals.meansList.${m}`) },
    {
      title: t('arrivals.action'), key: 'action', width: 220, render: (_, a) => (
        <Space direction="vertical" size={2}>
          <span>{actionText(t, a)}</span>
          {a.actionStatus === 'pending' && <Tag color="orange">{t('arrivals.statuses.pending')}</Tag>}
          {a.actionStatus === 'applied' && <Tag color="green">{t('arrivals.statuses.applied')}</Tag>}
        </Space>
      ),
    },
    {
      title: '', key: 'ops', width: 110, fixed: 'right', render: (_, a) => a.actionStatus === 'pending' && mayWrite && (
        <Popconfirm title={actionText(t, a)} onConfirm={() => void apply(a)}>
          <Button size="small" icon={<CheckOutlined />} data-testid={`arrival-apply-${a.id}`}>{t('arrivals.apply')}</Button>
        </Popconfirm>
      ),
    },
  ];

  const c = list.data?.counts;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => filter({ q })} placeholder={t('arrivals.search')} width={220} testId="arrivals-search" />
        <DatePicker.RangePicker
          format="DD/MM/YYYY"
          value={query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null}
          onChange={(r) => filter({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
        />
        <Select allowClear placeholder={t('arrivals.allLevels')} value={query.originLevel} style={{ width: 180 }} onChange={(originLevel) => filter({ originLevel })}
          options={ORIGIN_LEVELS.map((l) => ({ value: l, label: t(`arrivals.levels.${l}`) }))} data-testid="arrivals-level" />
        <Select allowClear placeholder={t('arrivals.allCategories')} value={query.category} style={{ width: 180 }} onChange={(category) => filter({ category })}
          options={CATEGORIES.map((l) => ({ value: l, label: t(`arrivals.categories.${l}`) }))} />
        <Select allowClear placeholder={t('arrivals.allStatuses')} value={query.actionStatus} style={{ width: 150 }} onChange={(actionStatus) => filter({ actionStatus })}
          options={ACTION_STATUSES.map((l) => ({ value: l, label: t(`arrivals.statuses.${l}`) }))} />
        <DistrictFilterSelect value={query.districtCode} onChange={(districtCode) => filter({ districtCode, communeCode: undefined })} width={170} />
        <CommuneFilterSelect districtCode={query.districtCode} value={query.communeCode} onChange={(communeCode) => filter({ communeCode })} width={170} />
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(arrivalsPaths.export(query), 'nguoi-den.xlsx')}>{t('arrivals.export')}</Button>
        {mayWrite && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="arrivals-import">{t('arrivals.import')}</Button>}
        {mayWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="arrival-add">{t('arrivals.add')}</Button>}
      </Space>
      {c && <Typography.Paragraph type="secondary" data-testid="arrivals-counts">{t('arrivals.counts', { total: fmt.number(c.total), fromEpidemic: fmt.number(c.fromEpidemic), drivers: fmt.number(c.drivers), postal: fmt.number(c.postal), pending: fmt.number(c.pending) })}</Typography.Paragraph>}
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Arrival>
        rowKey="id"
        size="middle"
        columns={columns}
        scroll={{ x: 1100 }}
        {...pagedTableProps(list, query, (total) => fmt.number(total))}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        data-testid="arrivals-table"
      />
      <ArrivalFormModal open={adding} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); list.reload(); }} />
      <XlsxImportModal
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => { setImporting(false); list.reload(); }}
        importUrl={arrivalsPaths.import}
        templateUrl={arrivalsPaths.template}
        errorReportUrl={arrivalsPaths.importReport}
        texts={{
          title: t('arrivals.importTexts.title'), hint: t('arrivals.importTexts.hint'), template: t('arrivals.importTexts.template'),
          checkedOk: (total) => t('arrivals.importTexts.checkedOk', { total }), confirm: (total) => t('arrivals.importTexts.confirm', { total }),
          done: (created) => t('arrivals.importTexts.done', { created }),
        }}
        fieldLabel={(f) => (t(`arrivals.${f}`, { defaultValue: f }))}
        issuesBlockImport
      />
    </>
  );
}
