import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Descriptions, Result, Row, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type CaseDetail, casesPaths } from './cases-api.ts';
import { CaseFormModal } from './case-form-modal.tsx';
import { CaseStatusPanel } from './case-status-panel.tsx';
import { ClassificationTag, StatusTag } from './case-tags.tsx';

export interface CaseTab {
  key: string;
  label: ReactNode;
  children: ReactNode;
}

interface Props {
  /** Tabs other features add after "Thông tin" (composed in web/src/app). */
  extraTabs?: (c: CaseDetail) => CaseTab[];
}

const INFO_TAB = 'info';

/** One case: header, tabs (the first one is the case's own information and status history). */
export default function CaseDetailPage({ extraTabs }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const { data, error, loading, reload } = useApi<CaseDetail>(validId ? casesPaths.one(id) : null);
  // The detail a save answered with, newer than the one read on opening.
  const [fresh, setFresh] = useState<CaseDetail>();
  const c = fresh && fresh.id === id && (!data || fresh.updatedAt >= data.updatedAt) ? fresh : data && data.id === id ? data : undefined;
  const [editing, setEditing] = useState(false);
  const [search, setSearch] = useSearchParams();

  if (!validId || error?.status === 404) {
    return (
      <Result
        status="404"
        title={t('cases.detail.notFound')}
        extra={
          <Link to="/cases">
            <Button type="primary">{t('cases.detail.back')}</Button>
          </Link>
        }
      />
    );
  }

  // The answer is the whole detail: no second (audited) read needed.
  const onSaved = (saved: CaseDetail) => setFresh(saved);

  const tabs: CaseTab[] = c
    ? [{ key: INFO_TAB, label: t('cases.detail.tabInfo'), children: <CaseInfo c={c} onChanged={onSaved} /> }, ...(extraTabs?.(c) ?? [])]
    : [];
  const tab = search.get('tab');
  const activeKey = tabs.some((x) => x.key === tab) ? tab! : INFO_TAB;

  return (
    <div data-testid="case-detail">
      <Link to="/cases">
        <ArrowLeftOutlined /> {t('cases.detail.back')}
      </Link>
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {loading && !c && <Skeleton active style={{ marginTop: 16 }} />}
      {c && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', margin: '8px 0 4px' }}>
            <Space wrap align="center" size={[8, 4]}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="case-title">
                {c.caseCode} · {c.fullName}
              </Typography.Title>
              <StatusTag status={c.status} />
              {c.masked && <Tag>{t('cases.maskedTag')}</Tag>}
            </Space>
            {can(me, 'case:write') && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="case-edit">
                {t('cases.detail.edit')}
              </Button>
            )}
          </div>
          <Tabs
            activeKey={activeKey}
            onChange={(key) => {
              const next = new URLSearchParams(search);
              if (key === INFO_TAB) next.delete('tab');
              else next.set('tab', key);
              setSearch(next, { replace: true });
            }}
            items={tabs}
          />
          {can(me, 'case:write') && <CaseFormModal open={editing} caseDetail={c} onClose={() => setEditing(false)} onSaved={(s) => { setEditing(false); onSaved(s); }} />}
        </>
      )}
    </div>
  );
}

/** The "Thông tin" tab: who, when, how found, and the status history. */
function CaseInfo({ c, onChanged }: { c: CaseDetail; onChanged: (c: CaseDetail) => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const dash = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '–' : v);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={14}>
        {c.masked && <Alert type="info" showIcon title={t('cases.masked')} style={{ marginBottom: 12 }} />}
        <Descriptions
          title={t('cases.detail.person')}
          column={{ xs: 1, sm: 2 }}
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          items={[
            { key: 'fullName', label: t('cases.fullName'), children: c.fullName },
            { key: 'sex', label: t('cases.sex'), children: t(`cases.sexes.${c.sex}`, { defaultValue: c.sex }) },
            { key: 'dateOfBirth', label: t('cases.dateOfBirth'), children: fmt.date(c.dateOfBirth) },
            { key: 'nationalId', label: t('cases.nationalId'), children: dash(c.nationalId) },
            { key: 'phone', label: t('cases.phone'), children: dash(c.phone) },
            { key: 'commune', label: t('cases.commune'), children: `${c.communeName}, ${c.districtName}` },
            { key: 'addressDetail', label: t('cases.addressDetail'), children: dash(c.addressDetail), span: { xs: 1, sm: 2 } },
          ]}
        />
        <Descriptions
          title={t('cases.detail.dates')}
          column={{ xs: 1, sm: 2 }}
          size="small"
          bordered
          style={{ marginBottom: 16 }}
          items={[
            { key: 'onsetDate', label: t('cases.onsetDate'), children: fmt.date(c.onsetDate) },
            { key: 'sampleDate', label: t('cases.sampleDate'), children: fmt.date(c.sampleDate) },
            { key: 'confirmationDate', label: t('cases.confirmationDate'), children: fmt.date(c.confirmationDate) },
            { key: 'isolationDate', label: t('cases.isolationDate'), children: fmt.date(c.isolationDate) },
          ]}
        />
        <Descriptions
          title={t('cases.detail.found')}
          column={1}
          size="small"
          bordered
          items={[
            { key: 'detection', label: t('cases.detection'), children: t(`cases.detections.${c.detection}`, { defaultValue: c.detection }) },
            { key: 'classification', label: t('cases.classification'), children: <ClassificationTag classification={c.classification} /> },
            { key: 'foundPlace', label: t('cases.foundPlace'), children: dash(c.foundPlace) },
            { key: 'facility', label: t('cases.facility'), children: dash(c.facilityName) },
            {
              key: 'clusters',
              label: t('cases.clusters'),
              children: c.clusters.length ? c.clusters.map((x) => <Tag key={x.id}>{x.name}</Tag>) : '–',
            },
            { key: 'note', label: t('cases.note'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{dash(c.note)}</span> },
            { key: 'updatedAt', label: t('cases.updatedAt'), children: `${fmt.dateTimeMinutes(c.updatedAt)} (${t('cases.createdAt')}: ${fmt.dateTimeMinutes(c.createdAt)})` },
          ]}
        />
      </Col>
      <Col xs={24} lg={10}>
        <CaseStatusPanel c={c} onChanged={onChanged} />
      </Col>
    </Row>
  );
}
