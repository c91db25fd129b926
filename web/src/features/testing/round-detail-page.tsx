import { ArrowLeftOutlined, CheckCircleOutlined, ExperimentOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Popconfirm, Progress, Result, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { pagingFromParams, writePaging } from '../../shared/hooks/url-query.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { can, useMe } from '../../shared/session/session.tsx';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { MissingPeopleTable } from './missing-people-table.tsx';
import { PoolResultModal } from './pool-result-modal.tsx';
import { PoolsTable } from './pools-table.tsx';
import { type Pool, RESULT_KEYS, type RoundDetail, testingPaths, testingRoutes } from './testing-api.ts';
import { ResultTag, RoundStatusTag, useTargetKindText } from './testing-tags.tsx';
import { isOpenRound, methodLabel, resultCounts, sampledPercent } from './testing-view.ts';

/** One count of the round as a card; `testId` carries the plain number for tests. */
function CountCard({ title, value, testId, children }: { title: string; value: number; testId: string; children?: ReactNode }) {
  const fmt = useFormat();
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        formatter={() => (
          <span data-testid={testId} data-value={value}>
            {fmt.number(value)}
          </span>
        )}
      />
      {children}
    </Card>
  );
}

/**
 * A sampling round (/testing/rounds/:id): its counts, results and pools (with their results entered
 * by hand), the people still to sample, and the links to sample and to close it.
 */
export default function RoundDetailPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const params = useParams();
  const id = Number(params.id);
  const validId = Number.isInteger(id) && id > 0;
  const { data, error, loading, reload } = useApi<RoundDetail>(validId ? testingPaths.round(id) : null);
  const round = data && data.id === id ? data : undefined;
  const [search, setSearch] = useSearchParams();
  const missingPaging = pagingFromParams(search);
  const mayWrite = can(me, 'sample:write');
  const [resulting, setResulting] = useState<Pool | null>(null);
  const [closing, setClosing] = useState(false);
  const targetKindText = useTargetKindText();

  if (!validId || error?.status === 404) {
    return (
      <Result
        status="404"
        title={t('testing.detail.notFound')}
        extra={
          <Link to={testingRoutes.page()}>
            <Button type="primary">{t('testing.detail.back')}</Button>
          </Link>
        }
      />
    );
  }

  const close = async (r: RoundDetail) => {
    setClosing(true);
    try {
      await api.post<RoundDetail>(testingPaths.close(r.id));
      message.success(t('testing.detail.closed', { code: r.code }));
      reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    } finally {
      setClosing(false);
    }
  };

  const counts = round ? resultCounts(round.results) : undefined;
  const open = round ? isOpenRound(round.status) : false;
  const showPools = round ? round.method === 'rt_pcr_pool' || round.pools.length > 0 : false;

  return (
    <div data-testid="round-detail">
      <Link to={testingRoutes.page()}>
        <ArrowLeftOutlined /> {t('testing.detail.back')}
      </Link>
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {loading && !round && <Skeleton active style={{ marginTop: 16 }} />}
      {round && counts && (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', justifyContent: 'space-between', margin: '8px 0 12px' }}>
            <Space wrap align="center" size={[8, 4]}>
              <Typography.Title level={3} style={{ margin: 0 }} data-testid="round-title">
                {round.code} · {round.targetLabel}
              </Typography.Title>
              <RoundStatusTag status={round.status} />
            </Space>
            {mayWrite && open && (
              <Space wrap>
                <Link to={testingRoutes.sample(round.id)} data-testid="round-sample-link">
                  <Button type="primary" icon={<ExperimentOutlined />}>
                    {t('testing.detail.sampleLink')}
                  </Button>
                </Link>
                <Popconfirm title={t('testing.detail.closeConfirm', { code: round.code })} onConfirm={() => close(round)} okButtonProps={{ loading: closing }}>
                  <Button icon={<StopOutlined />} loading={closing} data-testid="round-close">
                    {t('testing.detail.close')}
                  </Button>
                </Popconfirm>
              </Space>
            )}
          </div>

          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('testing.detail.scheduledOn')}>{fmt.date(round.scheduledOn)}</Descriptions.Item>
            <Descriptions.Item label={t('testing.detail.method')}>
              <span data-testid="round-method-label">{methodLabel(round.method, round.poolSize, fmt.lang)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('testing.detail.target')}>{targetKindText(round.targetKind)}</Descriptions.Item>
            {round.riskLevel && (
              <Descriptions.Item label={t('testing.create.riskLevel')}>{t(`testing.riskLevels.${round.riskLevel}`)}</Descriptions.Item>
            )}
          </Descriptions>

          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={6}>
              <CountCard title={t('testing.detail.expected')} value={round.expected} testId="round-expected" />
            </Col>
            <Col xs={12} md={6}>
              <CountCard title={t('testing.detail.sampled')} value={round.sampled} testId="round-sampled">
                <Progress percent={sampledPercent(round.sampled - round.unexpected, round.expected)} size="small" status="normal" />
              </CountCard>
            </Col>
            <Col xs={12} md={6}>
              <CountCard title={t('testing.detail.missing')} value={round.missing} testId="round-missing" />
            </Col>
            <Col xs={12} md={6}>
              <CountCard title={t('testing.detail.unexpected')} value={round.unexpected} testId="round-unexpected" />
            </Col>
          </Row>

          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 16 }}>
            <Typography.Text strong>{t('testing.detail.results')}:</Typography.Text>
            {RESULT_KEYS.map((k) => (
              <ResultTag key={k} result={k} count={counts[k]} />
            ))}
            <Link to={testingRoutes.page('retests', { round: String(round.id), status: 'all' })} style={{ marginInlineStart: 'auto' }}>
              <CheckCircleOutlined /> {t('testing.detail.retestsLink')}
            </Link>
          </div>

          {showPools && (
            <>
              <Typography.Title level={5}>{t('testing.pools.title')}</Typography.Title>
              <PoolsTable pools={round.pools} mayWrite={mayWrite} onEnterResult={setResulting} />
            </>
          )}

          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('testing.missing.title')}
          </Typography.Title>
          <MissingPeopleTable
            roundId={round.id}
            paging={missingPaging}
            onPaging={(p) => setSearch(writePaging({}, p), { replace: true })}
          />

          <PoolResultModal
            pool={resulting}
            onClose={() => setResulting(null)}
            onSaved={() => {
              setResulting(null);
              reload();
            }}
            onStale={reload}
          />
        </>
      )}
    </div>
  );
}
