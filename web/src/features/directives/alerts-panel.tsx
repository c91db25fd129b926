import { BellOutlined, CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Col, List, Row, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { usePolling } from '../../shared/hooks/use-polling.ts';
import { useFormat } from '../../shared/i18n/format.ts';
import { ALERTS_REFRESH_MS, useDirectiveAlerts } from './directive-alerts.ts';
import { type DirectiveNotification, directivesPaths, type StateFilter, taskPagePath } from './directives-api.ts';

interface Props {
  /** The state filter of the list below, highlighted here. */
  state: StateFilter;
  onState: (state: StateFilter) => void;
  /** Shows the reported tasks awaiting a decision (the command centre). */
  onReported?: () => void;
}

/** Overdue, due-soon and reported tasks at a glance, and the unread notifications. */
export function AlertsPanel({ state, onState, onReported }: Props) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { message } = App.useApp();
  const alerts = useDirectiveAlerts(true);
  const notifications = useApi<{ items: DirectiveNotification[] }>(directivesPaths.notifications(true));
  usePolling(notifications.reload, ALERTS_REFRESH_MS);
  const a = alerts.data;

  const markRead = async (n: DirectiveNotification) => {
    try {
      await api.post<unknown>(directivesPaths.notificationRead(n.id));
      alerts.reload();
      notifications.reload();
    } catch (e) {
      message.error(errorText(e, fmt.lang));
    }
  };

  const figure = (key: 'overdue' | 'dueSoon' | 'reported', value: number | undefined, colour: string, onClick: (() => void) | undefined, active: boolean) => (
    <Card
      size="small"
      hoverable={onClick !== undefined}
      onClick={onClick}
      style={{ borderColor: active ? colour : undefined, height: '100%' }}
      data-testid={`directive-alert-${key}`}
    >
      <Statistic title={t(`directives.panel.${key}`)} value={value ?? '–'} styles={{ content: { color: value ? colour : undefined } }} />
    </Card>
  );

  const unread = notifications.data?.items ?? [];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      <Col xs={8} md={4}>
        {figure('overdue', a?.overdue, '#cf1322', () => onState('overdue'), state === 'overdue')}
      </Col>
      <Col xs={8} md={4}>
        {figure('dueSoon', a?.dueSoon, '#d46b08', () => onState('due_soon'), state === 'due_soon')}
      </Col>
      <Col xs={8} md={4}>
        {figure('reported', a?.reported, '#d4b106', onReported, false)}
      </Col>
      <Col xs={24} md={12}>
        <Card
          size="small"
          title={
            <span>
              <BellOutlined /> {t('directives.panel.notifications')} <Badge count={unread.length} size="small" />
            </span>
          }
          styles={{ body: { maxHeight: 150, overflowY: 'auto', padding: '0 12px' } }}
          data-testid="directive-notifications"
        >
          <List<DirectiveNotification>
            size="small"
            dataSource={unread}
            locale={{ emptyText: t('directives.panel.noNotifications') }}
            renderItem={(n) => (
              <List.Item
                actions={[
                  <Button key="read" size="small" type="text" icon={<CheckOutlined />} onClick={() => void markRead(n)} aria-label={t('directives.panel.markRead')}>
                    {t('directives.panel.markRead')}
                  </Button>,
                ]}
              >
                <span>
                  <Tag color={n.kind === 'overdue' ? 'red' : n.kind === 'due_soon' ? 'orange' : n.kind === 'returned' ? 'magenta' : 'blue'}>
                    {t(`directives.notificationKinds.${n.kind}`, { defaultValue: n.kind })}
                  </Tag>
                  <Link to={taskPagePath(n.taskId)}>{n.title}</Link>
                  <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)', marginInlineStart: 8 }}>{fmt.dateTimeMinutes(n.at)}</span>
                </span>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
