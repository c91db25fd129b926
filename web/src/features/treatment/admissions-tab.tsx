import { LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Space, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { pagedTableProps, pagingAfterChange } from '../../shared/ui/table-paging.ts';
import { DischargeModal } from './discharge-modal.tsx';
import { TransferModal } from './transfer-modal.tsx';
import {
  type Admission,
  ADMISSION_VIEWS,
  type AdmissionList,
  type AdmissionQuery,
  admissionQueryFromParams,
  admissionQueryToParams,
  type AdmissionView,
  type BedKind,
  type CareLevel,
  DISCHARGE_OUTCOMES,
  type F0RiskGroup,
  treatmentPaths,
  type TreatmentFacility,
} from './treatment-api.ts';
import { CareLevelTag, F0RiskTag, muted } from './treatment-tags.tsx';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

/** "Bệnh nhân điều trị": admissions (open by default), with the tier transfer and the discharge. */
export function AdmissionsTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const query = admissionQueryFromParams(params);
  const list = useApi<AdmissionList>(treatmentPaths.admissions(query));
  const facilitiesApi = useApi<TreatmentFacility[]>(treatmentPaths.facilities);
  const facilities = { data: facilitiesApi.data ?? [], loading: facilitiesApi.loading };
  const mayWrite = can(me, 'treatment:write');
  const [transferring, setTransferring] = useState<Admission | null>(null);
  const [discharging, setDischarging] = useState<Admission | null>(null);

  const update = (q: AdmissionQuery) => setOwn(admissionQueryToParams(q));
  const filter = (patch: Partial<AdmissionQuery>) => update({ ...query, page: 1, ...patch });
  const done = () => {
    setTransferring(null);
    setDischarging(null);
    list.reload();
  };

  const outcomeText = (o: string | null) =>
    o === null ? '–' : o === 'transferred' || (DISCHARGE_OUTCOMES as readonly string[]).includes(o) ? t(`treatment.outcomes.${o as (typeof DISCHARGE_OUTCOMES)[number] | 'transferred'}`) : o;

  const columns: TableColumnsType<Admission> = [
    {
      title: t('treatment.admissions.person'),
      key: 'person',
      fixed: 'left',
      width: 190,
      render: (_, a) => (
        <>
          <Link to={`/cases/${a.caseId}`}>{a.fullName}</Link>
          {a.caseCode && <div style={muted}>{a.caseCode}</div>}
        </>
      ),
    },
    {
      title: t('treatment.admissions.facility'),
      key: 'facility',
      width: 210,
      render: (_, a) => a.facilityName ?? (a.careLevel === 'home_care' ? t('treatment.admissions.atHome') : '–'),
    },
    { title: t('treatment.admissions.careLevel'), dataIndex: 'careLevel', width: 190, render: (l: CareLevel) => <CareLevelTag level={l} /> },
    { title: t('treatment.admissions.riskGroup'), dataIndex: 'riskGroup', width: 160, render: (g: F0RiskGroup) => <F0RiskTag group={g} /> },
    { title: t('treatment.admissions.bedKind'), dataIndex: 'bedKind', width: 170, render: (k: BedKind | null) => (k ? t(`treatment.bedKinds.${k}`) : '–') },
    { title: t('treatment.admissions.admittedOn'), dataIndex: 'admittedOn', width: 110, render: (d: string) => fmt.date(d) },
    { title: t('treatment.admissions.endedOn'), dataIndex: 'endedOn', width: 110, render: (d: string | null) => fmt.date(d) },
    {
      title: t('treatment.admissions.outcome'),
      key: 'outcome',
      width: 200,
      render: (_, a) => (
        <>
          {outcomeText(a.outcome)}
          {a.reason && <div style={muted}>{a.reason}</div>}
        </>
      ),
    },
  ];
  if (mayWrite) {
    columns.push({
      title: t('treatment.admissions.actions'),
      key: 'actions',
      fixed: 'right',
      width: 210,
      render: (_, a) =>
        a.endedOn === null ? (
          <Space size={4}>
            <Button size="small" icon={<SwapOutlined />} onClick={() => setTransferring(a)} data-testid={`transfer-${a.id}`}>
              {t('treatment.transfer.button')}
            </Button>
            <Button size="small" icon={<LogoutOutlined />} onClick={() => setDischarging(a)} data-testid={`discharge-${a.id}`}>
              {t('treatment.discharge.button')}
            </Button>
          </Space>
        ) : null,
    });
  }

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<AdmissionView>
          value={query.view}
          options={ADMISSION_VIEWS.map((v) => ({ value: v, label: t(`treatment.admissions.views.${v}`) }))}
          onChange={(view) => filter({ view })}
          data-testid="admissions-view"
        />
        <Select<number>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('treatment.allFacilities')}
          aria-label={t('treatment.facility')}
          loading={facilities.loading}
          value={query.facilityId}
          options={facilities.data.map((f) => ({ value: f.id, label: f.name }))}
          onChange={(facilityId?: number) => filter({ facilityId })}
          style={{ width: 260 }}
          data-testid="admissions-facility"
        />
      </Space>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Admission>
        rowKey="id"
        size="middle"
        data-testid="admissions-table"
        columns={columns}
        scroll={{ x: mayWrite ? 1560 : 1350 }}
        onChange={(p) => update({ ...query, ...pagingAfterChange(query, p) })}
        {...pagedTableProps(list, query, (total) => t('treatment.admissions.total', { total: fmt.number(total) }))}
      />
      {mayWrite && (
        <>
          <TransferModal admission={transferring} facilities={facilities} onClose={() => setTransferring(null)} onDone={done} />
          <DischargeModal admission={discharging} onClose={() => setDischarging(null)} onDone={done} />
        </>
      )}
    </div>
  );
}
