import { Empty, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../shared/hooks/use-api.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ErrorAlert } from '../../shared/ui/error-alert.tsx';
import { SearchInput } from '../../shared/ui/search-input.tsx';
import { PAGE_SIZES } from '../../shared/hooks/url-query.ts';
import {
  directivesPaths, meetingPagePath, type Paged, type SearchHit, type SearchQuery, searchQueryFromParams, searchQueryToParams, taskPagePath,
} from './directives-api.ts';
import { snippetParts } from './directives-view.ts';

interface Props {
  params: URLSearchParams;
  setOwn: (own: Record<string, string>) => void;
}

const KIND_COLOURS: Record<SearchHit['kind'], string> = { item: 'blue', task: 'purple', report: 'green' };

/** The server's snippet with its matches highlighted: only <mark> becomes markup, the rest stays text. */
export function Snippet({ snippet }: { snippet: string }) {
  return (
    <span className="directive-snippet">
      {snippetParts(snippet).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}

/** Where a hit opens: a task (or the task a report belongs to), else the meeting of a conclusion. */
function hitPath(hit: SearchHit): string | null {
  if (hit.taskId) return taskPagePath(hit.taskId);
  if (hit.meetingId) return meetingPagePath(hit.meetingId);
  return null;
}

/** Full-text search over conclusions, tasks and reports, accent-insensitive ("ke hoach nha tro" finds "kế hoạch nhà trọ"). */
export function SearchTab({ params, setOwn }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const query = searchQueryFromParams(params);
  const results = useApi<Paged<SearchHit>>(query.q ? directivesPaths.search(query) : null);
  const update = (next: SearchQuery) => setOwn(searchQueryToParams(next));

  return (
    <div>
      <div style={{ marginBottom: 12 }}>
        <SearchInput value={query.q} onSearch={(q) => update({ q, page: 1, pageSize: query.pageSize })} placeholder={t('directives.search.placeholder')} width={520} testId="directives-search" />
      </div>
      {results.error && <ErrorAlert error={results.error} onRetry={results.reload} />}
      {!query.q ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('directives.search.empty')} />
      ) : (
        <List<SearchHit>
          data-testid="directives-search-results"
          loading={results.loading}
          dataSource={results.data?.items ?? []}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: results.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('directives.search.total', { total: fmt.number(total) }),
            // A new page size starts again from the first page.
            onChange: (page, pageSize) => update({ ...query, page: pageSize === query.pageSize ? page : 1, pageSize }),
          }}
          locale={{ emptyText: t('directives.search.none') }}
          renderItem={(hit) => {
            const path = hitPath(hit);
            const kind = t(`directives.search.kinds.${hit.kind}`, { defaultValue: hit.kind });
            return (
              <List.Item data-testid={`search-hit-${hit.kind}-${hit.id}`}>
                <div>
                  <div style={{ marginBottom: 4 }}>
                    <Tag color={KIND_COLOURS[hit.kind] ?? 'default'}>{kind}</Tag>
                    {hit.heldOn && <Typography.Text type="secondary">{t('directives.search.meetingOf', { date: fmt.date(hit.heldOn) })}</Typography.Text>}
                    {path && (
                      <Link to={path} style={{ marginInlineStart: 8 }}>
                        {t('directives.search.open')}
                      </Link>
                    )}
                  </div>
                  <Snippet snippet={hit.snippet} />
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}
