import { BulbOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Collapse, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiState } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { type ClusterDraft, type ClusterSuggestion, draftFromSuggestion } from './clusters-api.ts';

const CODES_SHOWN = 8;

interface Props {
  /** GET /api/clusters/suggestions, owned by the page: it reloads them after a cluster is created. */
  list: ApiState<ClusterSuggestion[]>;
  onCreate: (draft: ClusterDraft) => void;
}

/** Groups of cases that look like a cluster nobody has declared yet, one click from the create form. */
export function ClusterSuggestions({ list, onCreate }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const items = list.data ?? [];

  return (
    <Collapse
      style={{ marginBottom: 12, background: '#fff' }}
      data-testid="cluster-suggestions"
      items={[
        {
          key: 'suggestions',
          label: (
            <Space>
              <BulbOutlined style={{ color: '#f9a825' }} />
              {t('clusters.suggestions.title')}
              {list.data && <Tag color={items.length ? 'gold' : undefined}>{fmt.number(items.length)}</Tag>}
            </Space>
          ),
          children: (
            <>
              <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
                {t('clusters.suggestions.hint')}
              </Typography.Paragraph>
              {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
              <List<ClusterSuggestion>
                size="small"
                loading={list.loading}
                dataSource={items}
                locale={{ emptyText: t('clusters.suggestions.none') }}
                pagination={items.length > 5 ? { pageSize: 5, size: 'small' } : false}
                renderItem={(s) => (
                  <List.Item
                    key={s.key}
                    actions={[
                      <Button key="create" size="small" icon={<PlusOutlined />} onClick={() => onCreate(draftFromSuggestion(s))} data-testid={`suggestion-create-${s.key}`}>
                        {t('clusters.suggestions.create')}
                      </Button>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space wrap size={6}>
                          <span>{s.name}</span>
                          <Tag>{t(`clusters.placeKinds.${s.placeKind}`)}</Tag>
                        </Space>
                      }
                      description={
                        <>
                          {t('clusters.suggestions.summary', { count: s.caseIds.length, date: fmt.date(s.firstCaseDate) })}:{' '}
                          {s.caseCodes.slice(0, CODES_SHOWN).join(', ')}
                          {s.caseCodes.length > CODES_SHOWN ? ` +${fmt.number(s.caseCodes.length - CODES_SHOWN)}` : ''}
                    </>
                  }
                />
              </List.Item>
            )}
          />
            </>
          ),
        },
      ]}
    />
  );
}
