import { Drawer, Grid, List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { PersonDetails } from '../../shared/ui/person-details.tsx';
import { type Chain, chainNeighbours, type PersonCard, tracingPaths } from './tracing-api.ts';
import { KindTag, LevelTag, ReviewTag } from './tracing-tags.tsx';

interface Props {
  personId: number | null;
  chain: Chain | undefined;
  onClose: () => void;
}

/** A person clicked in the chain: their place in it, then their record (the server masks and audits). */
export function ChainPersonDrawer({ personId, chain, onClose }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const screens = Grid.useBreakpoint();
  const { data, error, loading, reload } = useApi<PersonCard>(personId === null ? null : tracingPaths.person(personId));
  const p = data && data.id === personId ? data : undefined;
  const around = chain && personId !== null ? chainNeighbours(chain, personId) : undefined;

  return (
    <Drawer
      open={personId !== null}
      onClose={onClose}
      title={p?.fullName ?? around?.node?.label ?? t('tracing.chain.person')}
      size={screens.sm === false ? '100%' : 440}
      data-testid="chain-person"
    >
      {around?.node && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <LevelTag level={around.node.level} />
            {around.node.caseCode && <Tag color="red">{around.node.caseCode}</Tag>}
            {around.node.level > 0 && <ReviewTag status={around.node.reviewStatus} />}
          </Space>
          {around.sources.length > 0 && (
            <>
              <Typography.Text strong>{t('tracing.chain.sources')}</Typography.Text>
              <List
                size="small"
                dataSource={around.sources}
                style={{ marginBottom: 12 }}
                renderItem={({ edge, node }) => (
                  <List.Item key={`${edge.source}-${edge.kind}`}>
                    <Space wrap size={6}>
                      <LevelTag level={node.level} />
                      <span>{node.caseCode ? `${node.caseCode} · ${node.label}` : node.label}</span>
                      <KindTag kind={edge.kind} />
                      <span>{fmt.date(edge.date)}</span>
                      {edge.primary && <Tag>{t('tracing.chain.primaryEdge')}</Tag>}
                    </Space>
                  </List.Item>
                )}
              />
            </>
          )}
          {around.exposed > 0 && <p>{t('tracing.chain.exposed', { count: around.exposed })}</p>}
        </>
      )}
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {loading && !p && <Skeleton active />}
      {p && <PersonDetails person={p} />}
    </Drawer>
  );
}
