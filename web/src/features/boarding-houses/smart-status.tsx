import { App, Checkbox, DatePicker, Input, List, Modal, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest, errorText } from '../../shared/api/client.ts';
import { useApi } from '../../shared/hooks/use-api.ts';
import { todayInVietnam, useFormat } from '../../shared/i18n/format.ts';
import { useLanguage } from '../../shared/i18n/index.ts';
import { type Assessment, type Checklist, housePaths, type SmartStatus } from './boarding-houses-api.ts';

const COLOUR: Record<SmartStatus, string> = { meets: 'green', not_meets: 'red', unassessed: 'default' };

export function SmartTag({ status, selfAssessed }: { status: SmartStatus; selfAssessed?: boolean }) {
  const { t } = useTranslation();
  return <Tag color={COLOUR[status]} data-testid="smart-status">{t(`boardingHouses.smart.${status}`)}{selfAssessed ? ` (${t('boardingHouses.smart.self')})` : ''}</Tag>;
}

/** The checklist in force, ticked on a date: status "meets" when every required item is. */
export function AssessModal({ open, houseId, onClose, onSaved }: { open: boolean; houseId: number; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const { message } = App.useApp();
  const checklist = useApi<Checklist>(open ? housePaths.checklist : null);
  const [ticked, setTicked] = useState<string[]>([]);
  const [date, setDate] = useState(todayInVietnam());
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      await apiRequest(housePaths.assessments(houseId), { method: 'POST', json: { assessedOn: date, ticked, note: note || null } });
      message.success(t('boardingHouses.smart.saved'));
      setTicked([]);
      setNote('');
      onSaved();
    } catch (e) {
      message.error(errorText(e, lang));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={t('boardingHouses.smart.assess')} onCancel={onClose} onOk={() => void save()} confirmLoading={saving} okText={t('boardingHouses.save')}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <DatePicker format="DD/MM/YYYY" allowClear={false} value={dayjs(date)} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} disabledDate={(d) => d.isAfter(dayjs(todayInVietnam()), 'day')} />
        <Checkbox.Group value={ticked} onChange={(v) => setTicked(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="checklist">
          {(checklist.data?.items ?? []).map((i) => (
            <Checkbox key={i.code} value={i.code}>{i.label[lang] || i.label.vi}{i.required && <Typography.Text type="danger"> *</Typography.Text>}</Checkbox>
          ))}
        </Checkbox.Group>
        <Typography.Text type="secondary">{t('boardingHouses.smart.requiredHint')}</Typography.Text>
        <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('boardingHouses.smart.note')} maxLength={1000} />
      </Space>
    </Modal>
  );
}

export function AssessmentHistory({ houseId, version }: { houseId: number; version: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lang = useLanguage();
  const list = useApi<Assessment[]>(`${housePaths.assessments(houseId)}?v=${version}`);
  return (
    <List size="small" dataSource={list.data ?? []} loading={list.loading} locale={{ emptyText: t('boardingHouses.smart.none') }}
      renderItem={(a) => (
        <List.Item>
          <div>
            <Space wrap>
              <Typography.Text strong>{fmt.date(a.assessedOn)}</Typography.Text>
              <SmartTag status={a.meets ? 'meets' : 'not_meets'} selfAssessed={a.selfAssessed} />
              <Typography.Text type="secondary">{a.assessorName}</Typography.Text>
            </Space>
            {a.items.filter((i) => !i.ticked).length > 0 && (
              <div><Typography.Text type="secondary">{t('boardingHouses.smart.missing')}: {a.items.filter((i) => !i.ticked).map((i) => i.label[lang] || i.label.vi).join('; ')}</Typography.Text></div>
            )}
            {a.note && <div><Typography.Text italic>{a.note}</Typography.Text></div>}
          </div>
        </List.Item>
      )} />
  );
}
